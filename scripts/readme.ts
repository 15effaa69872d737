/**
 * npm run readme
 *
 * Writes README.md's generated tables (every metric name the catalog reads; which emitter feeds which
 * panel) from the catalog and the dashboards. test/unit/readmeTables.test.ts fails while one is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runCli } from "./cli.ts";
import { withGeneratedTables } from "./readme/generatedTables.ts";

const README = fileURLToPath(new URL("../README.md", import.meta.url));

runCli("usage: npm run readme", (argv) => {
  parseArgs({ args: argv, options: {}, strict: true });
  const current = readFileSync(README, "utf8");
  const generated = withGeneratedTables(current);
  if (generated === current) {
    console.log("README.md: the generated tables are current");
  } else {
    writeFileSync(README, generated);
    console.log("README.md: wrote the generated tables");
  }
});
