import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { builtRelease, requiredVersion, type GoToolModule } from "./goModules.ts";
import { BUILT_TOOLS_DIR, PROJECT_ROOT } from "./paths.ts";
import { prepareGeneratedMain } from "./generatedMain.ts";
import { runGo, type BuildProgress } from "./runGo.ts";
import { binaryRelease } from "./version.ts";

/** The binaries of a module that are missing from .tools/bin or report another version. */
export function staleBinaries(module: GoToolModule): string[] {
  const want = builtRelease(module);
  return module.binaries.filter((name) => {
    const path = join(BUILT_TOOLS_DIR, name);
    return !existsSync(path) || binaryRelease(path, module) !== want;
  });
}

/**
 * Builds every command of a tools/ module into .tools/bin with `go build tool` (or its generated main
 * package), stamping the release into its version. The binaries land in a temporary directory first, so
 * an interrupted build leaves none half written. `onProgress` hears of each module Go downloads and each
 * package it compiles.
 */
export async function buildModule(module: GoToolModule, onProgress: (progress: BuildProgress) => void): Promise<void> {
  const moduleVersion = requiredVersion(module);
  const stamp = { user: `${userInfo().username}@${hostname()}`, date: new Date() };
  const ldflags = [...(module.linkFlags ?? []), ...module.versionFlags(moduleVersion, stamp).map((flag) => `-X ${flag}`)].join(" ");
  mkdirSync(BUILT_TOOLS_DIR, { recursive: true });
  const staging = mkdtempSync(join(BUILT_TOOLS_DIR, "..", "staging-"));
  const moduleDir = join(PROJECT_ROOT, "tools", module.dir);
  let generated: { packagePath: string; remove: () => void } | undefined;
  let before: BuildProgress = { downloaded: 0, compiled: 0 };
  try {
    if (module.generatedMain) {
      generated = await prepareGeneratedMain(moduleDir, module.upstream, moduleVersion, module.generatedMain, (now) => onProgress((before = now)));
    }
    const tags = (module.buildTags ?? ["netgo"]).join(",");
    // A generated main package builds one binary, named by -o.
    const output = generated ? join(staging, module.binaries[0]!) : `${staging}/`;
    const args = ["build", "-mod=readonly", "-buildvcs=false", "-trimpath", "-tags", tags, "-v", "-ldflags", ldflags, "-o", output, generated?.packagePath ?? "tool"];
    await runGo(args, moduleDir, (now) => onProgress({ downloaded: before.downloaded + now.downloaded, compiled: before.compiled + now.compiled }));
    for (const name of module.binaries) renameSync(join(staging, name), join(BUILT_TOOLS_DIR, name));
  } finally {
    generated?.remove();
    rmSync(staging, { recursive: true, force: true });
  }
}

export type { BuildProgress };
