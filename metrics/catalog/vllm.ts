import { vocabularyMetric } from "./vocabularyMetric.ts";

const EMITTERS = "vLLM's OpenAI-compatible server (vllm/v1/metrics/loggers.py, prometheus_client)";
const LABELS = ["model_name", "engine"];
const TOKEN_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80];

const vllm = vocabularyMetric("vllm", { labels: LABELS, emitters: EMITTERS });

/**
 * vLLM's metrics, model_name being the served model. Renamed in recent releases: vllm:kv_cache_usage_perc
 * and vllm:prefix_cache_* replaced vllm:gpu_cache_usage_perc and vllm:gpu_prefix_cache_* (deprecated in
 * 0.10, removed in 0.12); vllm:inter_token_latency_seconds replaced vllm:time_per_output_token_seconds
 * (deprecated in 0.11, shown beside the new one, hidden from 0.12). The finished reason "error" (a request
 * the engine failed) exists from 0.12; before it, vLLM counts no failed request.
 */
export const VLLM_METRICS = [
  vllm({
    id: "requests",
    names: ["vllm:request_success_total"],
    type: "counter",
    unit: "requests",
    labels: [...LABELS, "finished_reason"],
    help: "Finished requests by finished_reason: stop, length, abort, and (0.12 on) error and repetition.",
  }),
  vllm({ id: "promptTokens", names: ["vllm:prompt_tokens_total"], type: "counter", unit: "tokens", help: "Prefill (input) tokens processed." }),
  vllm({ id: "generationTokens", names: ["vllm:generation_tokens_total"], type: "counter", unit: "tokens", help: "Generated (output) tokens." }),
  vllm({
    id: "e2e",
    names: ["vllm:e2e_request_latency_seconds"],
    type: "histogram",
    unit: "seconds",
    help: "End-to-end latency of a request, from arrival to its last token.",
    buckets: [0.3, 0.5, 0.8, 1, 1.5, 2, 2.5, 5, 10, 15, 20, 30, 40, 50, 60, 120, 240, 480, 960, 1920, 7680],
  }),
  vllm({
    id: "ttft",
    names: ["vllm:time_to_first_token_seconds"],
    type: "histogram",
    unit: "seconds",
    help: "Time to the first token, from the request's arrival.",
    buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 640, 2560],
  }),
  vllm({
    id: "interTokenLatency",
    names: ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"],
    type: "histogram",
    unit: "seconds",
    emitters: `${EMITTERS}: vllm:inter_token_latency_seconds from 0.11, vllm:time_per_output_token_seconds up to 0.11 (both in 0.11)`,
    help: "Time between two output tokens of a request.",
    buckets: TOKEN_LATENCY_BUCKETS,
  }),
  vllm({ id: "running", names: ["vllm:num_requests_running"], type: "gauge", unit: "requests", help: "Requests in the model's running batches." }),
  vllm({ id: "waiting", names: ["vllm:num_requests_waiting"], type: "gauge", unit: "requests", help: "Requests waiting to be scheduled." }),
  vllm({
    id: "kvCacheUsage",
    names: ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"],
    type: "gauge",
    unit: "ratio",
    help: "Share of the KV cache in use (1 is full).",
    notRecorded: "a serving-engine gauge no other emitter has; read it as it is",
  }),
  vllm({
    id: "prefixCacheHits",
    names: ["vllm:prefix_cache_hits_total", "vllm:gpu_prefix_cache_hits_total"],
    type: "counter",
    unit: "tokens",
    help: "Prompt tokens found in the prefix (KV) cache.",
    notRecorded: "a prefix cache counts tokens, not the calls a response cache answers; read it with vllm:prefix_cache_queries_total",
  }),
  vllm({
    id: "prefixCacheQueries",
    names: ["vllm:prefix_cache_queries_total", "vllm:gpu_prefix_cache_queries_total"],
    type: "counter",
    unit: "tokens",
    help: "Prompt tokens looked up in the prefix (KV) cache.",
    notRecorded: "see prefixCacheHits",
  }),
];
