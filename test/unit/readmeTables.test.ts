import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { withGeneratedTables } from "../../cli/readme/generatedTables.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

describe("README.md's generated tables", () => {
  test("are what the code writes today: run `npm run readme` after changing a key, a default, a port, an image or a resource", () => {
    expect(withGeneratedTables(readme)).toBe(readme);
  });

  test("a table edited by hand is written over; the text around it is kept", () => {
    const edited = readme.replace("| `target` | `docker` |", "| `target` | `kubernetes` |");
    expect(edited).not.toBe(readme);
    expect(withGeneratedTables(edited)).toBe(readme);
  });

  test("a README without a table's markers says which markers to put in", () => {
    const withoutPorts = readme.replace(/<!-- generated: ports table[^\n]*\n/, "");
    expect(() => withGeneratedTables(withoutPorts)).toThrow(/no place for the ports table/);
  });
});
