import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopChild, waitFor } from "../../../cli/local/processes.ts";
import type { CallOutcome } from "./openaiCalls.ts";

/** The directory of the Python emitters. */
export const PYTHON_EMITTERS_DIR = fileURLToPath(new URL("./python/", import.meta.url));

/** An emitter running as its own process, talking with the test over stdin and stdout. */
export interface ServiceProcess {
  /** Asks the service to make its calls; resolves with what each did, as the service measured it. */
  run(): Promise<CallOutcome[]>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts an emitter (a Python service or replay, or the OpenLIT service under Node) and waits for its
 * "ready". A service that runs calls itself does so on "run" and answers "done <JSON>".
 */
export async function startServiceProcess(command: string, args: string[], what: string): Promise<ServiceProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(command, args, { cwd: PYTHON_EMITTERS_DIR, env: { ...process.env, PYTHONUNBUFFERED: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const output = () => `${what} stdout:\n${stdout}\n${what} stderr:\n${stderr}`;
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode})`);
  };
  await waitFor(`${what} to be ready`, async () => (alive(), stdout.split("\n").includes("ready") ? true : undefined), { timeoutMs: 30_000, context: output });
  return {
    output,
    run: async () => {
      child.stdin.write("run\n");
      const line = await waitFor(
        `${what} to finish its calls`,
        async () => (alive(), stdout.split("\n").find((l) => l.startsWith("done "))),
        { timeoutMs: 60_000, context: output },
      );
      return JSON.parse(line.slice("done ".length)) as CallOutcome[];
    },
    stop: () => stopChild(child),
  };
}

/** The Node.js service instrumented with OpenLIT (openlitService.ts), run as its own process. */
export function openlitServiceArgs(settings: unknown): string[] {
  return ["--import", "tsx", join(fileURLToPath(new URL(".", import.meta.url)), "openlitService.ts"), JSON.stringify(settings)];
}
