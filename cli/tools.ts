/**
 * npm run tools [-- --force]
 *
 * Builds the exact Prometheus, promtool, Alertmanager, amtool, node_exporter and Jaeger versions the stack
 * pins, and the Pulumi CLI, its Node.js language host and Kubernetes provider plugin for the @pulumi/*
 * versions package.json pins (or their declared stand-ins, cli/tools/standIns.ts), from their Go
 * modules (tools/<name>/go.mod), into .tools/bin, where the tests take them from. A binary already there
 * that reports the right version is kept.
 */
import { parseArgs } from "node:util";
import { GO_TOOL_MODULES, builtRelease, requiredVersion } from "./tools/goModules.ts";
import { buildModule, staleBinaries, type BuildProgress } from "./tools/build.ts";
import { BUILT_TOOLS_DIR } from "./tools/paths.ts";
import { runCli } from "./commandLine/run.ts";

const USAGE = "usage: npm run tools [-- --force]";

function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, "0")}s`;
}

runCli(USAGE, async (argv) => {
  const { values } = parseArgs({ args: argv, options: { force: { type: "boolean", default: false } }, strict: true });
  const started = Date.now();
  for (const [index, module] of GO_TOOL_MODULES.entries()) {
    const step = `[${index + 1}/${GO_TOOL_MODULES.length}] ${module.binaries.join(", ")} ${builtRelease(module)}`;
    const stale = values.force ? module.binaries : staleBinaries(module);
    if (stale.length === 0) {
      console.log(`${step}: up to date`);
      continue;
    }
    console.log(`${step}: building from ${module.upstream}@${requiredVersion(module)} (tools/${module.dir})`);
    const moduleStarted = Date.now();
    let progress: BuildProgress = { downloaded: 0, compiled: 0 };
    const report = () => `${progress.downloaded} modules downloaded, ${progress.compiled} packages compiled`;
    const ticker = setInterval(() => console.log(`      ${minutes(Date.now() - moduleStarted)}  ${report()}`), 30_000);
    try {
      await buildModule(module, (now) => (progress = now));
    } finally {
      clearInterval(ticker);
    }
    console.log(`      built in ${minutes(Date.now() - moduleStarted)} (${report()})`);
  }
  console.log(`tools ready in ${BUILT_TOOLS_DIR} (${minutes(Date.now() - started)})`);
});
