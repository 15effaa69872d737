import type { ComponentName } from "../../config/components.ts";
import { describeStack } from "../../components/stack.ts";
import type { StackConfig } from "../../config/schema.ts";
import { exec } from "../preflight/exec.ts";
import type { Check } from "../preflight/checks.ts";
import { stackEndpoints } from "./endpoints.ts";
import { stackExpectations } from "./expectations.ts";
import { readGrafanaPassword } from "./grafanaPassword.ts";
import { reportChecks } from "./report.ts";
import { verifyStack } from "./run.ts";

/** The checks of one stack as deployed from its config, for `verify`, the end of `up`, and `data status`. */
export async function checkRunningStack(
  stackName: string,
  config: StackConfig,
  options: { waitSeconds?: number; only?: ComponentName[] } = {},
): Promise<Check[]> {
  const stack = describeStack(config);
  const endpoints = stackEndpoints(stack, config);
  return verifyStack({
    expectations: stackExpectations(stack, config),
    urls: endpoints.urls,
    grafana: { user: config.grafana.adminUser, ...(await readGrafanaPassword(stackName, exec, process.env)) },
    unreachableFix: endpoints.unreachableFix,
    waitSeconds: options.waitSeconds ?? 60,
    ...(options.only ? { only: options.only } : {}),
  });
}

/** Verifies and prints; returns the exit code. */
export async function verifyRunningStack(stackName: string, config: StackConfig, options: { waitSeconds?: number } = {}): Promise<number> {
  return reportChecks(await checkRunningStack(stackName, config, options), console.log);
}
