import type { RuleGroup } from "../model.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { mapLabel, sumByCanonical } from "../../metrics/promql.ts";

const labels = { vocabulary: "usage" };

/** Seed 004's usage metrics onto the canonical series. */
export function usageRecordingRules(): RuleGroup {
  const tokens = mapLabel(
    mapLabel('rate(llm_tokens_used_total{token_type=~"prompt|completion"}[5m])', "direction", "input", "token_type", "prompt"),
    "direction",
    "output",
    "token_type",
    "completion",
  );
  return {
    name: "llm-canonical-usage",
    rules: [
      // llm_requests_total counts every call, failures under a non-success status.
      { record: SERIES.requests(), expr: sumByCanonical("rate(llm_requests_total[5m])"), labels },
      { record: SERIES.errors(), expr: sumByCanonical("rate(llm_errors_total[5m])", "error_type"), labels },
      { record: SERIES.tokens, expr: sumByCanonical(tokens, "direction"), labels },
      { record: SERIES.cost, expr: sumByCanonical("rate(llm_cost_total[5m])"), labels },
      {
        // The performance vocabulary uses the same histogram name without agent_id; this is the usage one.
        record: SERIES.durationBuckets,
        expr: sumByCanonical('rate(llm_request_duration_seconds_bucket{agent_id!=""}[5m])', "le"),
        labels,
      },
      { record: SERIES.cacheHits, expr: "sum by (job, agent_id, model) (rate(llm_cache_hits_total[5m]))", labels },
      { record: SERIES.cacheMisses, expr: "sum by (job, agent_id, model) (rate(llm_cache_misses_total[5m]))", labels },
      { record: SERIES.activeRequests, expr: "sum by (job, agent_id, provider) (llm_active_requests)", labels },
    ],
  };
}
