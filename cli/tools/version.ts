import { spawnSync } from "node:child_process";

/**
 * The release a binary says it is, from `--version`: "prometheus, version 3.7.3 (branch: ...)" or
 * "jaeger version v2.13.0". Undefined when it does not run or says no version.
 */
export function reportedVersion(binary: string): string | undefined {
  const run = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 30_000 });
  if (run.error || run.status !== 0) return undefined;
  return /\bversion v?(\d+\.\d+\.\d+\S*)/.exec(`${run.stdout}\n${run.stderr}`)?.[1];
}
