import { vocabularyMetric } from "./vocabularyMetric.ts";

const EMITTERS =
  "OpenTelemetry GenAI instrumentations (OpenLIT, OpenTelemetry's own): through the JS Prometheus exporter without unit suffix, " +
  "through OTLP into Prometheus 3 (or a Collector) with it";
const LABELS = ["gen_ai_operation_name", "gen_ai_request_model", "gen_ai_response_model", "gen_ai_provider_name", "gen_ai_system", "gen_ai_agent_name", "service_name"];

const genai = vocabularyMetric("genai", { emitters: EMITTERS });

/**
 * The OpenTelemetry GenAI semantic conventions. The provider is gen_ai_provider_name (older emitters:
 * gen_ai_system); OpenLIT also puts the service's name on every point (service_name). OpenLIT records
 * nothing for a failed call: no duration, no error.type; its spans do (see spans.ts).
 */
export const GENAI_METRICS = [
  genai({
    id: "duration",
    names: ["gen_ai_client_operation_duration_seconds", "gen_ai_client_operation_duration"],
    type: "histogram",
    unit: "seconds",
    labels: [...LABELS, "error_type"],
    help: "gen_ai.client.operation.duration: one GenAI operation; emitters that record failed ones give them error_type.",
    buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  }),
  genai({
    id: "tokens",
    names: ["gen_ai_client_token_usage"],
    type: "histogram",
    unit: "tokens",
    labels: [...LABELS, "gen_ai_token_type"],
    help: "gen_ai.client.token.usage: tokens per operation ({token} adds no suffix); gen_ai_token_type is input or output.",
    buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  }),
  genai({
    id: "ttft",
    names: ["gen_ai_server_time_to_first_token_seconds", "gen_ai_server_time_to_first_token"],
    type: "histogram",
    unit: "seconds",
    labels: LABELS,
    help: "gen_ai.server.time_to_first_token: time to the first token of a streamed response.",
    buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  }),
  genai({
    id: "timePerOutputToken",
    names: ["gen_ai_server_time_per_output_token_seconds", "gen_ai_server_time_per_output_token"],
    type: "histogram",
    unit: "seconds",
    labels: LABELS,
    help: "gen_ai.server.time_per_output_token: decode time per output token after the first.",
    buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5],
  }),
  genai({
    id: "cost",
    names: ["gen_ai_usage_cost_USD", "gen_ai_usage_cost"],
    type: "histogram",
    unit: "USD",
    labels: LABELS,
    help: "gen_ai.usage.cost (OpenLIT): the price of each operation in US dollars, from its price table; the sum is the spend.",
    buckets: [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000],
  }),
];
