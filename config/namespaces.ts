import { CONFIG_NAMESPACE, SECRET_KEYS, stackConfigSchema } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";

const TOP_LEVEL_KEYS: readonly string[] = [...Object.keys(stackConfigSchema.shape), ...SECRET_KEYS];

/** Edits (insert, delete, substitute, swap two neighbours) that turn one word into the other. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Config keys that were meant for this stack but sit under another namespace, which Pulumi keeps and the
 * program never reads: a misspelt namespace (`llmbos:namePrefix`), or one of this stack's keys under a
 * provider's or another project's namespace (`docker:namePrefix`). Keys of the providers themselves
 * (`kubernetes:context`, `docker:host`) are left alone.
 */
export function misplacedKeyProblems(fullKeys: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const fullKey of fullKeys) {
    const colon = fullKey.indexOf(":");
    if (colon < 0) continue;
    const namespace = fullKey.slice(0, colon);
    const name = fullKey.slice(colon + 1);
    if (namespace === CONFIG_NAMESPACE) continue;
    const topLevel = name.split(/[.[]/)[0]!;
    const closeNamespace = editDistance(namespace.toLowerCase(), CONFIG_NAMESPACE) <= 2;
    if (!closeNamespace && !TOP_LEVEL_KEYS.includes(topLevel)) continue;
    problems.push({
      key: fullKey,
      value: undefined,
      message:
        `the namespace "${namespace}" is not this stack's, so the program never reads this key; ` +
        `did you mean ${CONFIG_NAMESPACE}:${name}? Move it: \`pulumi config rm ${fullKey}\`, then \`pulumi config set --path ${CONFIG_NAMESPACE}:${name} <value>\``,
    });
  }
  return problems;
}
