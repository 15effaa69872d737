/**
 * npm run render -- --out DIR [--stack local|cluster]
 *
 * Writes every file the stack generates (Prometheus config and rules, Grafana provisioning and dashboards,
 * Jaeger and Alertmanager config), byte for byte what the program ships, without the Pulumi CLI or Docker.
 */
import { parseArgs } from "node:util";
import { readStackFile } from "../stacks/config/fromStackFile.ts";
import { describeStack } from "../stacks/components/stack.ts";
import { renderedFiles } from "../stacks/render/files.ts";
import { writeRenderedFiles } from "../stacks/render/write.ts";
import { configWarnings, formatWarning } from "../stacks/config/warnings.ts";
import { runCli, UsageError } from "./cli.ts";

const USAGE = "usage: npm run render -- --out DIR [--stack local|cluster]";

runCli(USAGE, (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, stack: { type: "string", default: "local" } },
    strict: true,
  });
  if (!values.out) throw new UsageError("--out DIR is required");
  const config = readStackFile(values.stack);
  for (const warning of configWarnings(config)) console.error(`warning: ${formatWarning(warning)}`);
  const report = writeRenderedFiles(renderedFiles(describeStack(config)), values.out);
  for (const path of report.written) console.log(`wrote   ${values.out}/${path}`);
  for (const path of report.removed) console.log(`removed ${values.out}/${path} (no longer generated)`);
});
