import type { RuleGroup } from "../model.ts";
import { SERIES } from "../../metrics/canonical.ts";
import { fromGenAiLabels, mapLabel, ratio, sumByCanonical } from "../../metrics/promql.ts";

const labels = { vocabulary: "genai" };

/** The OpenTelemetry GenAI semantic conventions (after OTLP-to-Prometheus translation) onto the canonical series. */
export function genAiRecordingRules(): RuleGroup {
  const canonical = (expr: string, ...extra: string[]) => sumByCanonical(fromGenAiLabels(expr), ...extra);
  return {
    name: "llm-canonical-genai",
    rules: [
      { record: SERIES.requests(), expr: canonical("rate(gen_ai_client_operation_duration_seconds_count[5m])"), labels },
      {
        // Failed operations carry error_type (from error.type).
        record: SERIES.errors(),
        expr: canonical('rate(gen_ai_client_operation_duration_seconds_count{error_type!=""}[5m])', "error_type"),
        labels,
      },
      {
        // gen_ai.client.token.usage is a histogram of tokens per operation: its _sum counts tokens.
        record: SERIES.tokens,
        expr: canonical(
          mapLabel(
            'rate(gen_ai_client_token_usage_sum{gen_ai_token_type=~"input|output"}[5m])',
            "direction",
            "$1",
            "gen_ai_token_type",
            "(.*)",
          ),
          "direction",
        ),
        labels,
      },
      {
        record: SERIES.durationBuckets,
        expr: canonical("rate(gen_ai_client_operation_duration_seconds_bucket[5m])", "le"),
        labels,
      },
      {
        record: SERIES.ttftBuckets(),
        expr: canonical("rate(gen_ai_server_time_to_first_token_seconds_bucket[5m])", "le"),
        labels,
      },
      {
        // Seconds per output token, inverted: output tokens per second of decoding.
        record: SERIES.tokenSpeed,
        expr: ratio(
          canonical("rate(gen_ai_server_time_per_output_token_seconds_count[5m])"),
          canonical("rate(gen_ai_server_time_per_output_token_seconds_sum[5m])"),
        ),
        labels,
      },
    ],
  };
}
