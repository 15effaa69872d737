import type { Exec } from "../preflight/exec.ts";

/**
 * The stack's Grafana admin password: LLMOBS_GRAFANA_PASSWORD when set, else the stack output Pulumi
 * keeps (which needs the stack's passphrase without a terminal to ask for it).
 */
export async function readGrafanaPassword(stack: string, exec: Exec, env: NodeJS.ProcessEnv): Promise<{ password?: string; passwordProblem?: string }> {
  const given = env["LLMOBS_GRAFANA_PASSWORD"];
  if (given) return { password: given };
  const result = await exec("pulumi", ["stack", "output", "grafanaAdminPassword", "--show-secrets", "--stack", stack]);
  if (result.missing) return { passwordProblem: "`pulumi` is not on PATH" };
  if (result.exitCode !== 0) return { passwordProblem: `\`pulumi stack output\` failed: ${result.stderr.trim().split("\n").at(-1) ?? ""}` };
  const password = result.stdout.trim();
  return password ? { password } : { passwordProblem: "the stack has no grafanaAdminPassword output: run `npm run up` first" };
}
