import type { z } from "zod";
import { stackConfigSchema, type ParsedStackConfig } from "./schema.ts";

export interface LenientParse {
  /** Every issue of the values as given. */
  issues: z.core.$ZodIssue[];
  /** The config with every invalid value left out, so its default stands in; undefined if that still fails. */
  data: ParsedStackConfig | undefined;
  /** Paths (dotted, e.g. "ports.grafana") of the values left out. */
  leftOut: string[];
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

/**
 * Removes the value at `path`. An element of a list of values takes the whole list with it (its default
 * stands in); in a list of sections (the LLM services) only the bad key of its entry goes. A section given
 * as one object where a list is read (an llmService object) is its list's only entry.
 */
function remove(root: Record<string, unknown>, path: readonly PropertyKey[]): readonly PropertyKey[] {
  let end = path.length;
  while (end > 1 && typeof path[end - 1] === "number") end--;
  const target = path.slice(0, end);
  let parent: unknown = root;
  for (const part of target.slice(0, -1)) {
    if (typeof part === "number" && !Array.isArray(parent)) continue;
    parent = (parent as Record<PropertyKey, unknown> | undefined)?.[part];
  }
  if (parent && typeof parent === "object" && target.length > 0) delete (parent as Record<PropertyKey, unknown>)[target.at(-1)!];
  return target;
}

/**
 * Parses the stack config, and parses it again with every value that failed left out, so the checks
 * across keys still run on everything that is valid: all problems are reported at once, not one layer
 * after another.
 */
export function parseLeavingOutInvalid(values: Record<string, unknown>): LenientParse {
  const first = stackConfigSchema.safeParse(values, { reportInput: true });
  if (first.success) return { issues: [], data: first.data, leftOut: [] };
  const remaining = structuredClone(values);
  const leftOut: string[] = [];
  let result: ReturnType<typeof stackConfigSchema.safeParse> = first;
  // Leaving a value out can only reveal checks its own default passes, so a few rounds always settle.
  for (let round = 0; round < 4 && !result.success; round++) {
    for (const issue of result.error.issues) {
      const paths = issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const path of paths) {
        if (path.length === 0) continue;
        // A key its section requires is missing: leaving it out again changes nothing, so the section goes.
        const missing = issue.code !== "unrecognized_keys" && issue.input === undefined && path.length > 1;
        leftOut.push(dotted(remove(remaining, missing ? path.slice(0, -1) : path)));
      }
    }
    result = stackConfigSchema.safeParse(remaining, { reportInput: true });
  }
  return { issues: first.error.issues, data: result.success ? result.data : undefined, leftOut };
}

/** Whether a problem's key, or a key it was judged against, is (inside) a value that was left out. */
export function touchesLeftOut(keys: readonly string[], leftOut: readonly string[]): boolean {
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return keys.some((key) => leftOut.some((path) => within(key, path) || within(path, key)));
}
