import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { builtRelease, requiredVersion, type GoToolModule } from "./goModules.ts";
import { BUILT_TOOLS_DIR, PROJECT_ROOT } from "./paths.ts";
import { reportedVersion } from "./version.ts";

/** The binaries of a module that are missing from .tools/bin or report another version. */
export function staleBinaries(module: GoToolModule): string[] {
  const want = builtRelease(module);
  return module.binaries.filter((name) => {
    const path = join(BUILT_TOOLS_DIR, name);
    return !existsSync(path) || reportedVersion(path) !== want;
  });
}

/**
 * Builds every command of a tools/ module into .tools/bin with `go build tool`, stamping the release into
 * `--version`. The binaries land in a temporary directory first, so an interrupted build leaves none half
 * written. `onProgress` hears of each module Go downloads and each package it compiles.
 */
export interface BuildProgress {
  downloaded: number;
  compiled: number;
}

export async function buildModule(module: GoToolModule, onProgress: (progress: BuildProgress) => void): Promise<void> {
  const moduleVersion = requiredVersion(module);
  const stamp = { user: `${userInfo().username}@${hostname()}`, date: new Date() };
  const ldflags = module.versionFlags(moduleVersion, stamp).map((flag) => `-X ${flag}`).join(" ");
  mkdirSync(BUILT_TOOLS_DIR, { recursive: true });
  const staging = mkdtempSync(join(BUILT_TOOLS_DIR, "..", "staging-"));
  try {
    const args = ["build", "-mod=readonly", "-buildvcs=false", "-trimpath", "-tags", "netgo", "-v", "-ldflags", ldflags, "-o", `${staging}/`, "tool"];
    await runGo(args, join(PROJECT_ROOT, "tools", module.dir), onProgress);
    for (const name of module.binaries) renameSync(join(staging, name), join(BUILT_TOOLS_DIR, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function runGo(args: string[], cwd: string, onProgress: (progress: BuildProgress) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // Static binaries, as the upstream releases are; no C compiler needed.
    const child = spawn("go", args, { cwd, env: { ...process.env, CGO_ENABLED: "0" }, stdio: ["ignore", "pipe", "pipe"] });
    const progress: BuildProgress = { downloaded: 0, compiled: 0 };
    let errors = "";
    let pending = "";
    // On stderr `go build -v` names each package it compiles, one per line, and each module it downloads.
    child.stderr.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("go: downloading ")) progress.downloaded++;
        else if (/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line)) progress.compiled++;
        else errors += `${line}\n`;
        onProgress(progress);
      }
    });
    child.stdout.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.once("error", (error) => reject(new Error(`cannot run go (is Go installed and on PATH?): ${error.message}`)));
    child.once("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`go ${args.join(" ")} failed in ${cwd} (exit ${code}):\n${errors}${pending}`));
    });
  });
}
