import type { Exec, ExecResult } from "../../../cli/preflight/exec.ts";

/**
 * A stand-in for running commands: answers from a table keyed by command-line prefix (the longest
 * matching prefix wins), records every command run. A command with no answer is "not installed".
 */
export function fakeExec(answers: Record<string, Partial<ExecResult>>): Exec & { calls: string[] } {
  const calls: string[] = [];
  const fn = (async (command: string, args: string[]) => {
    const line = [command, ...args].join(" ");
    calls.push(line);
    const key = Object.keys(answers)
      .filter((prefix) => line.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0];
    return { missing: false, exitCode: 0, stdout: "", stderr: "", ...(key ? answers[key] : { missing: true }) };
  }) as Exec & { calls: string[] };
  fn.calls = calls;
  return fn;
}
