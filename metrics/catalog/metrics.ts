import type { CatalogMetric } from "./types.ts";

const USAGE = "LLM usage metrics (seed 004: prometheus_client in backend/core/llm/metrics.py)";
const PERFORMANCE = "LLM performance metrics (seed 000: the OpenTelemetry Prometheus exporter of the nexent monitor)";
const GENAI = "OpenTelemetry GenAI semantic conventions, pushed over OTLP or scraped, after OTLP-to-Prometheus translation";

const SECONDS_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/**
 * Every metric the project understands, exactly as it appears in Prometheus. Recording rules map each
 * vocabulary onto one canonical set of series (rules/recording/), so dashboards and alerts never name
 * these directly, except where a panel shows a vocabulary-specific detail.
 */
export const CATALOG: readonly CatalogMetric[] = [
  // 1. Usage (seed 004)
  {
    name: "llm_requests_total",
    type: "counter",
    unit: "requests",
    labels: ["agent_id", "model", "provider", "status"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "LLM calls, by outcome (status: success or a failure status).",
  },
  {
    name: "llm_tokens_used_total",
    type: "counter",
    unit: "tokens",
    labels: ["agent_id", "model", "provider", "token_type"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Tokens used; token_type is prompt (input) or completion (output).",
  },
  {
    name: "llm_cache_hits_total",
    type: "counter",
    unit: "lookups",
    labels: ["agent_id", "model"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Response-cache hits.",
  },
  {
    name: "llm_cache_misses_total",
    type: "counter",
    unit: "lookups",
    labels: ["agent_id", "model"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Response-cache misses.",
  },
  {
    name: "llm_errors_total",
    type: "counter",
    unit: "errors",
    labels: ["agent_id", "model", "provider", "error_type"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Failed LLM calls, by error type (rate_limit, timeout, ...).",
  },
  {
    name: "llm_cost_total",
    type: "counter",
    unit: "USD",
    labels: ["agent_id", "model", "provider"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Money spent on LLM calls, in US dollars.",
  },
  {
    name: "llm_request_duration_seconds",
    type: "histogram",
    unit: "seconds",
    labels: ["agent_id", "model", "provider", "status"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Latency of an LLM call, end to end.",
    buckets: SECONDS_BUCKETS,
  },
  {
    name: "llm_active_requests",
    type: "gauge",
    unit: "requests",
    labels: ["agent_id", "provider"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "LLM calls in flight.",
  },
  {
    name: "llm_cache_size",
    type: "gauge",
    unit: "entries",
    labels: ["tenant"],
    vocabulary: "usage",
    emitters: USAGE,
    help: "Entries in the response cache, per tenant.",
    notRecorded: "a per-tenant gauge that only the usage vocabulary has; read it as it is",
  },

  // 2. Performance (seed 000)
  {
    name: "llm_token_generation_rate",
    type: "histogram",
    unit: "tokens/s",
    labels: ["model", "operation"],
    vocabulary: "performance",
    emitters: PERFORMANCE,
    help: "Output tokens per second of one streamed response.",
    buckets: [1, 2, 5, 10, 20, 50, 100, 200],
  },
  {
    name: "llm_time_to_first_token_seconds",
    type: "histogram",
    unit: "seconds",
    labels: ["model"],
    vocabulary: "performance",
    emitters: PERFORMANCE,
    help: "Time from request to the first streamed token.",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  },
  {
    name: "llm_request_duration_seconds",
    type: "histogram",
    unit: "seconds",
    labels: ["model", "operation"],
    vocabulary: "performance",
    emitters: PERFORMANCE,
    help: "Latency of an LLM call, end to end (the same name as the usage vocabulary, other labels).",
    buckets: SECONDS_BUCKETS,
  },
  {
    name: "llm_total_tokens_total",
    type: "counter",
    unit: "tokens",
    labels: ["model", "type"],
    vocabulary: "performance",
    emitters: PERFORMANCE,
    help: "Tokens; type is input or output.",
  },
  {
    name: "llm_error_count_total",
    type: "counter",
    unit: "errors",
    labels: ["model", "operation"],
    vocabulary: "performance",
    emitters: PERFORMANCE,
    help: "Failed LLM calls.",
  },

  // 3. OpenTelemetry GenAI semantic conventions
  {
    name: "gen_ai_client_operation_duration_seconds",
    type: "histogram",
    unit: "seconds",
    labels: ["gen_ai_operation_name", "gen_ai_request_model", "gen_ai_provider_name", "gen_ai_system", "error_type"],
    vocabulary: "genai",
    emitters: GENAI,
    help: "gen_ai.client.operation.duration: one GenAI operation; failed ones carry error_type.",
    buckets: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  },
  {
    name: "gen_ai_client_token_usage",
    type: "histogram",
    unit: "tokens",
    labels: ["gen_ai_operation_name", "gen_ai_request_model", "gen_ai_provider_name", "gen_ai_system", "gen_ai_token_type"],
    vocabulary: "genai",
    emitters: GENAI,
    help: "gen_ai.client.token.usage: tokens per operation; gen_ai_token_type is input or output.",
    buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  },
  {
    name: "gen_ai_server_time_to_first_token_seconds",
    type: "histogram",
    unit: "seconds",
    labels: ["gen_ai_operation_name", "gen_ai_request_model", "gen_ai_provider_name", "gen_ai_system"],
    vocabulary: "genai",
    emitters: GENAI,
    help: "gen_ai.server.time_to_first_token: time to the first token of a successful response.",
    buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  },
  {
    name: "gen_ai_server_time_per_output_token_seconds",
    type: "histogram",
    unit: "seconds",
    labels: ["gen_ai_operation_name", "gen_ai_request_model", "gen_ai_provider_name", "gen_ai_system"],
    vocabulary: "genai",
    emitters: GENAI,
    help: "gen_ai.server.time_per_output_token: decode time per output token after the first.",
    buckets: [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5],
  },
];

export function catalogMetric(name: string, vocabulary: CatalogMetric["vocabulary"]): CatalogMetric {
  const metric = CATALOG.find((m) => m.name === name && m.vocabulary === vocabulary);
  if (!metric) throw new Error(`${name} (${vocabulary}) is not in the metric catalog`);
  return metric;
}
