import type { HealthCheck } from "./types.ts";

/** How long a component may take to answer its health check: its start time, then its usual failure budget. */
export function startupBudgetSeconds(health: HealthCheck): number {
  return health.startSeconds + health.intervalSeconds * health.failureThreshold;
}

/** How long `up` waits for a component to be ready: its startup budget, or longer where readiness comes later. */
export function readyBudgetSeconds(health: HealthCheck): number {
  return Math.max(startupBudgetSeconds(health), health.readySeconds ?? 0);
}
