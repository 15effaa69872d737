import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, where Pulumi.yaml is and the npm scripts run Pulumi. */
const PROJECT_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `kubernetes.render.directory` as the Kubernetes provider must be given it. The user's relative path is
 * taken from the project root, but Pulumi runs the program and its providers in the directory of
 * Pulumi.yaml's `main` (program/), so a relative path is passed on relative to the program's own working
 * directory: still relative, so the state does not hold this machine's checkout path (a changed
 * directory replaces every object). An absolute path is passed on as it is.
 */
export function providerRenderDirectory(directory: string, programDir = process.cwd()): string {
  if (isAbsolute(directory)) return directory;
  return relative(programDir, resolve(PROJECT_ROOT, directory)) || ".";
}
