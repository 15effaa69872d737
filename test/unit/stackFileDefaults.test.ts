import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { load } from "js-yaml";
import { describe, expect, test } from "vitest";
import { CONFIG_NAMESPACE, stackConfigSchema } from "../../config/schema.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";

const STACKS = join(REPO_ROOT, "stacks");
const stackFiles = readdirSync(STACKS).filter((name) => /^Pulumi\..+\.yaml$/.test(name));
const defaults = stackConfigSchema.parse({}) as Record<string, unknown>;

/** Every value a stack file sets, by its dotted key, that is the same as the key's default. */
function restatedDefaults(values: unknown, given: unknown, path: string): string[] {
  if (given && typeof given === "object" && !Array.isArray(given) && values && typeof values === "object") {
    return Object.entries(given).flatMap(([key, value]) => restatedDefaults((values as Record<string, unknown>)[key], value, `${path}.${key}`));
  }
  return isDeepStrictEqual(values, given) ? [path.slice(1)] : [];
}

describe("the committed stack files", () => {
  test.each(stackFiles)("%s sets only what differs from a default (and the target, which names the stack)", (file) => {
    const { config } = load(readFileSync(join(STACKS, file), "utf8")) as { config: Record<string, unknown> };
    const prefix = `${CONFIG_NAMESPACE}:`;
    const given = Object.fromEntries(
      Object.entries(config)
        .filter(([key]) => key.startsWith(prefix) && key !== `${prefix}target`)
        .map(([key, value]) => [key.slice(prefix.length), value]),
    );
    expect(restatedDefaults(defaults, given, "")).toEqual([]);
  });
});
