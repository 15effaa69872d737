import { spawnSync } from "node:child_process";
import type { GoToolModule } from "./goModules.ts";

/**
 * The release a binary says it is, from `--version`: "prometheus, version 3.7.3 (branch: ...)",
 * "jaeger version v2.13.0", or `pulumi version`'s bare "v3.248.0". Undefined when it does not run or says
 * no version.
 */
export function reportedVersion(binary: string, args: string[] = ["--version"]): string | undefined {
  const run = spawnSync(binary, args, { encoding: "utf8", timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  const output = `${run.stdout}\n${run.stderr}`;
  return (/\bversion v?(\d+\.\d+\.\d+\S*)/.exec(output) ?? /^\s*v?(\d+\.\d+\.\d+\S*)\s*$/.exec(output))?.[1];
}

/**
 * The version of `upstream` a Go binary was built from, as its build info records it (`go version -m`
 * prints a `mod` line when it is the main module, a `dep` line otherwise). Undefined when the binary is
 * missing or not built from it.
 */
export function builtModuleVersion(binary: string, upstream: string): string | undefined {
  const run = spawnSync("go", ["version", "-m", binary], { encoding: "utf8", timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  for (const line of run.stdout.split("\n")) {
    const [kind, path, version] = line.trim().split(/\s+/);
    if ((kind === "mod" || kind === "dep") && path === upstream) return version;
  }
  return undefined;
}

/** The release a tools/ module's binary is, by the module's own probe. */
export function binaryRelease(binary: string, module: GoToolModule): string | undefined {
  const probe = module.versionProbe ?? { args: ["--version"] };
  if ("args" in probe) return reportedVersion(binary, probe.args);
  const moduleVersion = builtModuleVersion(binary, module.upstream);
  return moduleVersion === undefined ? undefined : module.release(moduleVersion);
}
