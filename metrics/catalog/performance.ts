import { vocabularyMetric } from "./vocabularyMetric.ts";

const PROMETHEUS = "Nexent as seed 000 describes it: OpenTelemetry Python SDK, PrometheusMetricReader (recent exporters add unit suffixes)";
const OTLP = "Nexent today (sdk/nexent/monitor): OpenTelemetry Python SDK pushing OTLP, as Prometheus 3 translates it";
const BOTH = `${PROMETHEUS}; ${OTLP}`;

/** The OpenTelemetry SDKs' default histogram buckets, which Nexent keeps: no bound between 0 and 5. */
export const OTEL_DEFAULT_BUCKETS = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

const performance = vocabularyMetric("performance", {});

/**
 * Nexent's LLM performance instruments (seed 000), in every form its versions and exporters produce. The
 * model label is `model` (Prometheus exporter) or `llm_model_name` (OTLP); calls carry no agent or provider.
 */
export const PERFORMANCE_METRICS = [
  performance({
    id: "duration",
    names: ["llm_request_duration_seconds"],
    type: "histogram",
    unit: "seconds",
    labels: ["model", "operation", "llm_model_name", "llm_operation_name"],
    emitters: BOTH,
    help: "Duration of every LLM call, failed ones included (recorded when trace_llm_request ends).",
    buckets: OTEL_DEFAULT_BUCKETS,
  }),
  performance({
    id: "tokenRate",
    names: ["llm_token_generation_rate_tokens_per_second", "llm_token_generation_rate"],
    type: "histogram",
    unit: "tokens/s",
    labels: ["model", "llm_model_name"],
    emitters: `${BOTH}; older Prometheus exporters: llm_token_generation_rate`,
    help: "Output tokens per second of one streamed response, over the whole call.",
    buckets: OTEL_DEFAULT_BUCKETS,
  }),
  performance({
    id: "ttft",
    names: ["llm_time_to_first_token_seconds"],
    type: "histogram",
    unit: "seconds",
    labels: ["model", "llm_model_name"],
    emitters: BOTH,
    help: "Time from the request to the first streamed token.",
    buckets: OTEL_DEFAULT_BUCKETS,
  }),
  performance({
    id: "tokens",
    names: ["llm_total_tokens_total"],
    type: "counter",
    unit: "tokens",
    labels: ["model", "type"],
    emitters: PROMETHEUS,
    help: "Tokens; type is input or output.",
  }),
  performance({
    id: "promptTokens",
    names: ["llm_token_count_prompt_tokens_total"],
    type: "counter",
    unit: "tokens",
    labels: ["llm_model_name"],
    emitters: OTLP,
    help: "Input tokens (llm.token_count.prompt).",
  }),
  performance({
    id: "completionTokens",
    names: ["llm_token_count_completion_tokens_total"],
    type: "counter",
    unit: "tokens",
    labels: ["llm_model_name"],
    emitters: OTLP,
    help: "Output tokens (llm.token_count.completion).",
  }),
  performance({
    id: "errors",
    names: ["llm_error_count_errors_total", "llm_error_count_total"],
    type: "counter",
    unit: "errors",
    labels: ["model", "operation", "llm_model_name", "llm_operation_name"],
    emitters: `${BOTH}; older Prometheus exporters: llm_error_count_total`,
    help: "Failed LLM calls.",
  }),
];
