/**
 * npm run readme -- [--check]
 *
 * Writes README.md's generated tables (configuration, ports, pinned images, requests and limits) from the
 * config schema and the component descriptions. With --check, writes nothing and exits 1 when one is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runCli } from "./commandLine/run.ts";
import { README_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { withGeneratedTables } from "./readme/generatedTables.ts";

const README = fileURLToPath(new URL("../README.md", import.meta.url));

runCli(usageLine(README_COMMAND), (argv) => {
  const check = parseCommandLine(README_COMMAND, argv).values["check"] === true;
  const current = readFileSync(README, "utf8");
  const generated = withGeneratedTables(current);
  if (generated === current) {
    console.log("README.md: the generated tables are current");
  } else if (check) {
    console.error("README.md: the generated tables are stale; run `npm run readme`");
    process.exitCode = 1;
  } else {
    writeFileSync(README, generated);
    console.log("README.md: wrote the generated tables");
  }
});
