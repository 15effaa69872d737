/**
 * npm run images -- [--stack local|cluster]
 *
 * Prints the image of every component of a stack, one per line, as the stack will run them (pins and
 * config overrides applied): `npm run --silent images | xargs -n1 docker pull` warms a machine.
 */
import { parseArgs } from "node:util";
import { readStackFile } from "../stacks/config/fromStackFile.ts";
import { describeStack } from "../stacks/components/stack.ts";
import { runCli } from "./cli.ts";

runCli("usage: npm run images -- [--stack local|cluster]", (argv) => {
  const { values } = parseArgs({ args: argv, options: { stack: { type: "string", default: "local" } }, strict: true });
  for (const component of describeStack(readStackFile(values.stack)).components) console.log(component.image);
});
