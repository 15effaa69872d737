import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Runs one of the user's scripts the way npm does (tsx, from the repo root). */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, ["--import", "tsx", `cli/${script}`, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
