import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedMain } from "./goModules.ts";
import { runGo, type BuildProgress } from "./runGo.ts";

/**
 * The directory of a module in Go's module cache, downloading it (from the Go module proxy, checked
 * against go.sum) if need be.
 */
function moduleDir(toolsModuleDir: string, upstream: string): string {
  const run = spawnSync("go", ["mod", "download", "-json", upstream], { cwd: toolsModuleDir, encoding: "utf8" });
  const dir = run.status === 0 ? (JSON.parse(run.stdout) as { Dir?: string }).Dir : undefined;
  if (!dir) throw new Error(`go mod download ${upstream} failed in ${toolsModuleDir}:\n${run.stdout ?? ""}${run.stderr ?? run.error?.message}`);
  return dir;
}

/**
 * Copies an upstream main package out of the module cache into a temporary package of the tools module
 * (so it builds against the tools module's go.mod and go.sum), and runs its generator there. Returns the
 * package's directory, relative to the tools module, and how to remove it. Nothing is copied into git:
 * the directory is removed after the build, and .gitignore keeps it out if a build is killed.
 */
export async function prepareGeneratedMain(
  toolsModuleDir: string,
  upstream: string,
  moduleVersion: string,
  main: GeneratedMain,
  onProgress: (progress: BuildProgress) => void,
): Promise<{ packagePath: string; remove: () => void }> {
  const source = join(moduleDir(toolsModuleDir, upstream), main.packageDir);
  const target = mkdtempSync(join(toolsModuleDir, "generated-main-"));
  const remove = () => rmSync(target, { recursive: true, force: true });
  try {
    cpSync(source, target, { recursive: true });
    // The module cache is read-only; the generator writes beside its sources.
    chmodSync(target, 0o755);
    for (const file of readdirSync(target)) chmodSync(join(target, file), 0o644);
    await runGo(["run", "-mod=readonly", "-v", main.generator], target, onProgress, main.generatorEnv(moduleVersion));
  } catch (error) {
    remove();
    throw error;
  }
  return { packagePath: `./${target.slice(toolsModuleDir.length + 1)}`, remove };
}
