import { formatChecks, type Check } from "../preflight/checks.ts";

/** Prints one line per check and a verdict; returns the exit code (1 when any check failed). */
export function reportChecks(checks: Check[], print: (line: string) => void): number {
  print(formatChecks(checks));
  const failed = checks.filter((c) => !c.ok && !c.warning);
  const warned = checks.filter((c) => !c.ok && c.warning);
  if (failed.length > 0) {
    print(`${failed.length} check${failed.length === 1 ? "" : "s"} failed${warned.length ? `, ${warned.length} warning${warned.length === 1 ? "" : "s"}` : ""}: fix the lines marked FAIL.`);
    return 1;
  }
  print(`The stack is healthy${warned.length ? ` (${warned.length} warning${warned.length === 1 ? "" : "s"})` : ""}.`);
  return 0;
}
