import { spawn } from "node:child_process";

export interface BuildProgress {
  downloaded: number;
  compiled: number;
}

/**
 * Runs a `go` command, counting from `go build -v`'s stderr each module it downloads and each package it
 * compiles. Static binaries, as the upstream releases are; no C compiler needed.
 */
export function runGo(
  args: string[],
  cwd: string,
  onProgress: (progress: BuildProgress) => void,
  env: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("go", args, { cwd, env: { ...process.env, CGO_ENABLED: "0", ...env }, stdio: ["ignore", "pipe", "pipe"] });
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
