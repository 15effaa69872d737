import type { RecordingRule } from "../model.ts";
import { HISTOGRAM_LABELS, SERIES, SERVICE_SERIES } from "../../metrics/canonical.ts";
import { sumBy } from "../../metrics/promql.ts";

/** A bucket bound as the recording rules spell le (see normalizedLe): 1 -> "1", 0.25 -> "0.25". */
export function leOf(bound: number): string {
  return String(bound);
}

/**
 * The share of first tokens within `boundSeconds` of each (service, model, provider) histogram, linearly
 * interpolated inside the bucket holding the bound where the bound is no bucket bound (the OpenTelemetry
 * SDKs' default buckets have none between 0 and 5 s): histogram_fraction, which assumes first tokens spread
 * evenly across a bucket, as histogram_quantile does.
 */
export function firstTokensWithin(buckets: string, firstTokens: string, boundSeconds: number, matching: readonly string[]): string {
  return `histogram_fraction(-Inf, ${boundSeconds}, ${buckets}) * on (${matching.join(", ")}) (${firstTokens} > 0)`;
}

/**
 * Per service, from the canonical series just recorded in the same evaluation: what alerts and objectives
 * read over windows of hours and days, one series per job instead of one per agent and model.
 */
export function serviceRollups(ttftObjectiveSeconds: number): RecordingRule[] {
  const byJob = (expr: string) => sumBy(["job"], expr);
  return [
    { record: SERVICE_SERIES.requests, expr: byJob(SERIES.requests) },
    { record: SERVICE_SERIES.errors, expr: byJob(SERIES.errors) },
    { record: SERVICE_SERIES.cost, expr: byJob(SERIES.cost) },
    { record: SERVICE_SERIES.firstTokens, expr: byJob(`${SERIES.ttftBuckets}{le="+Inf"}`) },
    {
      record: SERVICE_SERIES.firstTokensWithinObjective,
      expr: byJob(firstTokensWithin(SERIES.ttftBuckets, `${SERIES.ttftBuckets}{le="+Inf"}`, ttftObjectiveSeconds, [...HISTOGRAM_LABELS, "vocabulary"])),
    },
  ];
}
