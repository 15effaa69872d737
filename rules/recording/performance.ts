import type { RuleGroup } from "../model.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { mapLabel, ratio, sumByCanonical } from "../../metrics/promql.ts";

const labels = { vocabulary: "performance" };

/**
 * Seed 000's performance metrics onto the canonical series. They carry model (and operation) only: no
 * agent or provider. Calls are counted from the duration histogram, which sees every call.
 */
export function performanceRecordingRules(): RuleGroup {
  const ownDuration = (series: string) => `${series}{agent_id=""}`;
  return {
    name: "llm-canonical-performance",
    rules: [
      {
        record: SERIES.requests(),
        expr: sumByCanonical(`rate(${ownDuration("llm_request_duration_seconds_count")}[5m])`),
        labels,
      },
      { record: SERIES.errors(), expr: sumByCanonical("rate(llm_error_count_total[5m])", "error_type"), labels },
      {
        record: SERIES.tokens,
        expr: sumByCanonical(
          mapLabel('rate(llm_total_tokens_total{type=~"input|output"}[5m])', "direction", "$1", "type", "(.*)"),
          "direction",
        ),
        labels,
      },
      {
        record: SERIES.durationBuckets,
        expr: sumByCanonical(`rate(${ownDuration("llm_request_duration_seconds_bucket")}[5m])`, "le"),
        labels,
      },
      {
        record: SERIES.ttftBuckets(),
        expr: sumByCanonical("rate(llm_time_to_first_token_seconds_bucket[5m])", "le"),
        labels,
      },
      {
        // Mean of the per-response token rates the emitter observed.
        record: SERIES.tokenSpeed,
        expr: ratio(
          sumByCanonical("rate(llm_token_generation_rate_sum[5m])"),
          sumByCanonical("rate(llm_token_generation_rate_count[5m])"),
        ),
        labels,
      },
    ],
  };
}
