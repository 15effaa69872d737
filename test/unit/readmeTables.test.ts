import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { TABLES, withGeneratedTables } from "../../scripts/readme/generatedTables.ts";
import { EMITTERS } from "../../alerts/catalog/emitters.ts";
import { REPO_ROOT } from "../support/scripts.ts";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

describe("README.md's generated tables", () => {
  test("are what the code writes today: run `npm run readme` after changing the catalog, an emitter or a panel", () => {
    expect(withGeneratedTables(readme)).toBe(readme);
  });

  test("a table edited by hand is written over; the text around it is kept", () => {
    const edited = readme.replace("| LLM Usage & Cost | Budgets Left |", "| LLM Usage & Cost | Budget Left |");
    expect(edited).not.toBe(readme);
    expect(withGeneratedTables(edited)).toBe(readme);
  });

  test("the emitter table has a column per emitter and a row per LLM panel, some empty for some emitters", () => {
    const [header, , ...rows] = TABLES["emitter panels"]!().split("\n");
    for (const emitter of EMITTERS) expect(header).toContain(emitter.name);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.find((row) => row.startsWith("| LLM Usage & Cost | Budgets Left |"))).toMatch(/no budgets/);
  });

  test("a README without a table's markers says which markers to put in", () => {
    const without = readme.replace(/<!-- generated: emitter panels table[^\n]*\n/, "");
    expect(() => withGeneratedTables(without)).toThrow(/no place for the emitter panels table/);
  });
});
