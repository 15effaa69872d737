import { durationSeconds } from "../../config/durations.ts";
import { CANONICAL_LABELS, RATE_WINDOW } from "../../metrics/canonical.ts";
import { totalOver } from "../../metrics/promql.ts";

/** What a recorded increase adds up to over a range, per series: `sum_over_time(series[range])`. */
export function overRange(increase: string, range: string): string {
  return totalOver(increase, range);
}

function grouping(by: readonly string[]): string {
  return by.length ? `by (${by.join(", ")}) ` : "";
}

/** A recorded increase per second over the rate window, summed by `by` (all, if none) before dividing. */
export function perSecond(increase: string, by: readonly string[] = []): string {
  return `sum ${grouping(by)}(${totalOver(increase, RATE_WINDOW)}) / ${durationSeconds(RATE_WINDOW)}`;
}

/**
 * Failed calls as a share of calls, by `by`, counting only the calls whose emitter reports failures (each
 * such (service, agent, model, provider) has an error series, 0 where there were none), so calls that
 * cannot be told failed from successful neither dilute the share nor show a misleading 0. Matched at the
 * series' own granularity, not per service: one job may run emitters that report failures and ones that
 * do not (vLLM 0.11 next to 0.12).
 */
export function errorShare(errors: string, requests: string, by: readonly string[], window: string): string {
  const reporting = `on (${CANONICAL_LABELS.join(", ")}) ${totalOver(errors, window)}`;
  return `sum ${grouping(by)}(${totalOver(errors, window)}) / sum ${grouping(by)}(${totalOver(requests, window)} and ${reporting})`;
}
