import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { TABLES, defaultStack, withGeneratedTables } from "../../cli/readme/generatedTables.ts";
import { EMITTERS } from "../../metrics/catalog/emitters.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

describe("README.md's generated tables", () => {
  test("are what the code writes today: run `npm run readme` after changing a key, a default, a port, an image, a resource, the catalog, an emitter or a panel", () => {
    expect(withGeneratedTables(readme)).toBe(readme);
  });

  test("a table edited by hand is written over; the text around it is kept", () => {
    for (const [original, edit] of [
      ["| `target` | `docker` |", "| `target` | `kubernetes` |"],
      ["| LLM Usage & Cost | Budgets Left |", "| LLM Usage & Cost | Budget Left |"],
    ] as const) {
      const edited = readme.replace(original, edit);
      expect(edited).not.toBe(readme);
      expect(withGeneratedTables(edited)).toBe(readme);
    }
  });

  test("the emitter table has a column per emitter and a row per LLM panel, some empty for some emitters", () => {
    const [header, , ...rows] = TABLES["emitter panels"]!(defaultStack()).split("\n");
    for (const emitter of EMITTERS) expect(header).toContain(emitter.name);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.find((row) => row.startsWith("| LLM Usage & Cost | Budgets Left |"))).toMatch(/no budgets/);
  });

  test("a README without a table's markers says which markers to put in", () => {
    const withoutPorts = readme.replace(/<!-- generated: ports table[^\n]*\n/, "");
    expect(() => withGeneratedTables(withoutPorts)).toThrow(/no place for the ports table/);
    const withoutEmitters = readme.replace(/<!-- generated: emitter panels table[^\n]*\n/, "");
    expect(() => withGeneratedTables(withoutEmitters)).toThrow(/no place for the emitter panels table/);
  });
});
