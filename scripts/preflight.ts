/**
 * npm run preflight -- [--stack local|cluster]
 *
 * Checks what `npm run up` needs before it changes anything; `up` runs it first.
 */
import { parseArgs } from "node:util";
import { readStackFile } from "../stacks/config/fromStackFile.ts";
import { runCli } from "./cli.ts";
import { exec } from "./preflight/exec.ts";
import { preflight } from "./preflight/run.ts";

runCli("usage: npm run preflight -- [--stack local|cluster]", async (argv) => {
  const { values } = parseArgs({ args: argv, options: { stack: { type: "string", default: "local" } }, strict: true });
  const config = readStackFile(values.stack);
  console.log(`Preflight for stack "${values.stack}" (${config.target}):`);
  await preflight(config, exec);
  console.log("Ready.");
});
