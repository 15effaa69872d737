import { isDeepStrictEqual } from "node:util";

/** One difference between two parsed documents, at a readable path such as `scrape_configs[job_name=llm-service].scheme`. */
export interface ValueChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

/**
 * Fields that name an element of a list of objects. Matching list elements by name instead of by position
 * keeps an inserted scrape job or datasource from showing up as a change to every element after it; the
 * order of such lists (scrape jobs, datasources, receivers) means nothing to the tools that read them.
 */
const IDENTITY_KEYS = ["job_name", "uid", "name", "alert", "record", "refId", "receiver"] as const;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

function keyPath(parent: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (parent === "") return /^[A-Za-z_$]/.test(segment) ? segment : `[${segment}]`;
  return /^[A-Za-z_$]/.test(segment) ? `${parent}.${segment}` : `${parent}[${segment}]`;
}

/** The field every element of both lists has, with values unique within each list, if there is one. */
function identityKey(before: unknown[], after: unknown[]): string | undefined {
  const all = [...before, ...after];
  if (all.length === 0 || !all.every(isPlainObject)) return undefined;
  return IDENTITY_KEYS.find((key) =>
    [before, after].every((list) => {
      const values = (list as Record<string, unknown>[]).map((element) => element[key]);
      return values.every((value) => typeof value === "string" || typeof value === "number") && new Set(values).size === values.length;
    }),
  );
}

/**
 * The differences between two parsed YAML or JSON documents, leaf by leaf. Lists of scalars (targets,
 * tags) are compared as one value, so a reviewer sees the whole old and new list.
 */
export function structuralChanges(before: unknown, after: unknown, path = ""): ValueChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    return keys.flatMap((key) => {
      const childPath = keyPath(path, key);
      if (!(key in after)) return [{ path: childPath, kind: "removed" as const, before: before[key] }];
      if (!(key in before)) return [{ path: childPath, kind: "added" as const, after: after[key] }];
      return structuralChanges(before[key], after[key], childPath);
    });
  }
  if (Array.isArray(before) && Array.isArray(after) && !(before.every(isScalar) && after.every(isScalar))) {
    return listChanges(before, after, path);
  }
  return [{ path: path || "(whole document)", kind: "changed", before, after }];
}

function listChanges(before: unknown[], after: unknown[], path: string): ValueChange[] {
  const key = identityKey(before, after);
  if (key === undefined) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => {
      const childPath = `${path}[${index}]`;
      if (index >= after.length) return [{ path: childPath, kind: "removed" as const, before: before[index] }];
      if (index >= before.length) return [{ path: childPath, kind: "added" as const, after: after[index] }];
      return structuralChanges(before[index], after[index], childPath);
    }).flat();
  }
  const name = (element: unknown) => String((element as Record<string, unknown>)[key]);
  const beforeByName = new Map(before.map((element) => [name(element), element]));
  const afterByName = new Map(after.map((element) => [name(element), element]));
  const changes: ValueChange[] = [];
  for (const [elementName, element] of beforeByName) {
    const childPath = `${path}[${key}=${elementName}]`;
    if (!afterByName.has(elementName)) changes.push({ path: childPath, kind: "removed", before: element });
    else changes.push(...structuralChanges(element, afterByName.get(elementName), childPath));
  }
  for (const [elementName, element] of afterByName) {
    if (!beforeByName.has(elementName)) changes.push({ path: `${path}[${key}=${elementName}]`, kind: "added", after: element });
  }
  return changes;
}

/** A copy of `value` without `keys`, to compare what is left once those are reported on their own. */
export function without(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}
