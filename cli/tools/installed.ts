import { existsSync } from "node:fs";
import { join } from "node:path";
import { TOOLS_DIR_VARIABLE, toolsDir } from "./paths.ts";

/**
 * A binary `npm run tools` builds: the pinned Prometheus, Alertmanager, node_exporter and Jaeger commands,
 * the Pulumi CLI, its Node.js language host and the Kubernetes provider plugin.
 */
export type ToolName =
  | "prometheus"
  | "promtool"
  | "alertmanager"
  | "amtool"
  | "node_exporter"
  | "jaeger"
  | "pulumi"
  | "pulumi-language-nodejs"
  | "pulumi-resource-kubernetes";

/**
 * The path of a pinned tool the tests run, from .tools/bin (or the directory $LLMOBS_TOOLS_BIN names).
 * A missing tool fails the test loudly; it is never skipped.
 */
export function requireTool(name: ToolName): string {
  const path = join(toolsDir(), name);
  if (existsSync(path)) return path;
  const from = process.env[TOOLS_DIR_VARIABLE] ? `$${TOOLS_DIR_VARIABLE} (${toolsDir()})` : toolsDir();
  throw new Error(
    `${name} is required by this test but is not in ${from}. Run \`npm run tools\` to build the pinned versions ` +
      `(the first build takes a while), or set ${TOOLS_DIR_VARIABLE} to a directory holding them.`,
  );
}
