/**
 * npm run render -- --out DIR [--stack local|cluster]
 *
 * Writes every file the stack generates (Prometheus config and rules, Grafana provisioning and dashboards,
 * Jaeger and Alertmanager config), byte for byte what the program ships, without the Pulumi CLI or Docker.
 */
import { readStackFile } from "../config/fromStackFile.ts";
import { describeStack } from "../components/stack.ts";
import { renderedFiles } from "../components/renderedFiles.ts";
import { writeRenderedFiles } from "./render/writeFiles.ts";
import { configWarnings, formatWarning } from "../config/warnings.ts";
import { runCli } from "./commandLine/run.ts";
import { RENDER_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

runCli(usageLine(RENDER_COMMAND), (argv) => {
  const { values: options } = parseCommandLine(RENDER_COMMAND, argv);
  const values = { out: String(options["out"]), stack: String(options["stack"]) };
  const config = readStackFile(values.stack, STACK_FACTS);
  for (const warning of configWarnings(config, STACK_FACTS)) console.error(`warning: ${formatWarning(warning)}`);
  const report = writeRenderedFiles(renderedFiles(describeStack(config)), values.out);
  for (const path of report.written) console.log(`wrote   ${values.out}/${path}`);
  for (const path of report.removed) console.log(`removed ${values.out}/${path} (no longer generated)`);
});
