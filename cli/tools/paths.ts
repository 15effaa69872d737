import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Where `npm run tools` puts the binaries it builds (git ignores .tools/). */
export const BUILT_TOOLS_DIR = join(PROJECT_ROOT, ".tools", "bin");

/** Points the tests at a directory of binaries you already have, instead of .tools/bin. */
export const TOOLS_DIR_VARIABLE = "LLMOBS_TOOLS_BIN";

/** The directory the tests take their Prometheus, Alertmanager, node_exporter and Jaeger binaries from. */
export function toolsDir(): string {
  return process.env[TOOLS_DIR_VARIABLE] || BUILT_TOOLS_DIR;
}
