import { durationSeconds } from "../../config/durations.ts";
import { RATE_WINDOW } from "../../metrics/canonical.ts";
import { ratePerSecond, totalOver } from "../../metrics/promql.ts";

/** What a recorded increase adds up to over a range, per series: `sum_over_time(series[range])`. */
export function overRange(increase: string, range: string): string {
  return totalOver(increase, range);
}

/** A recorded increase per second, over the rate window. */
export function perSecond(increase: string): string {
  return ratePerSecond(increase, RATE_WINDOW, durationSeconds(RATE_WINDOW));
}

/**
 * Failed calls as a share of calls, by `by`, counting only the calls of services whose emitter reports
 * failures (every error series is one: 0 where there were none), so a service that cannot tell fails
 * from successes neither dilutes the share nor shows a misleading 0.
 */
export function errorShare(errors: string, requests: string, by: string, window: string): string {
  const matched = "on (job, agent_id, model, provider)";
  const grouping = by ? `by (${by}) ` : "";
  return `sum ${grouping}(${totalOver(errors, window)}) / sum ${grouping}(${totalOver(requests, window)} and ${matched} ${totalOver(errors, window)})`;
}
