import { execFile } from "node:child_process";

export interface ExecResult {
  /** The program could not be found on PATH. */
  missing: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell and never throws: the caller turns the result into advice. */
export function exec(command: string, args: string[], timeoutMs = 15_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      resolve({
        missing: code === "ENOENT",
        exitCode: error ? (typeof (error as { code?: unknown }).code === "number" ? Number((error as { code: number }).code) : 1) : 0,
        stdout: stdout ?? "",
        stderr: stderr ?? "",
      });
    });
  });
}

export type Exec = typeof exec;
