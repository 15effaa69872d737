/**
 * What `pulumi config set --path <namespace:path> <value>` writes into a stack file's config, following
 * the Pulumi CLI's rules (sdk/go/common/resource/config): "true" and "false" become booleans, text that
 * reads as an integer (and does not start with a 0) becomes a number, everything else stays a string;
 * missing maps and lists on the path are created.
 */
export function pulumiConfigSetPath(config: Record<string, unknown>, fullKey: string, text: string): void {
  const colon = fullKey.indexOf(":");
  const namespace = fullKey.slice(0, colon);
  const [first, ...rest] = pathSegments(fullKey.slice(colon + 1));
  const segments: (string | number)[] = [`${namespace}:${first as string}`, ...rest];
  let container: Record<string | number, unknown> = config;
  for (const [i, segment] of segments.entries()) {
    if (i === segments.length - 1) {
      container[segment] = storedValue(text);
      return;
    }
    const next = segments[i + 1]!;
    if (container[segment] === undefined || container[segment] === null) container[segment] = typeof next === "number" ? [] : {};
    container = container[segment] as Record<string | number, unknown>;
  }
}

function storedValue(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text.length > 1 && text.startsWith("0")) return text;
  return /^[+-]?\d+$/.test(text) ? Number(text) : text;
}

/** `a.b[0]["c.d"]` -> ["a", "b", 0, "c.d"] */
function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const [, name, index, quoted] of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]/g)) {
    segments.push(index !== undefined ? Number(index) : (name ?? quoted)!);
  }
  return segments;
}
