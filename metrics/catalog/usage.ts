import { vocabularyMetric } from "./vocabularyMetric.ts";

const EMITTERS = "seed 004's backend/core/llm/metrics.py: prometheus_client, served by the service's /metrics";

/** prometheus_client's default histogram buckets, which seed 004's latency histogram keeps. */
export const PROMETHEUS_CLIENT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

const usage = vocabularyMetric("usage", { emitters: EMITTERS });

/** Seed 004's LLM usage metrics, as prometheus_client exposes them. */
export const USAGE_METRICS = [
  usage({
    id: "requests",
    names: ["llm_requests_total"],
    type: "counter",
    unit: "requests",
    labels: ["agent_id", "model", "provider", "status"],
    help: "Completed LLM calls (record_request, status success); a failed call is recorded by record_error instead.",
  }),
  usage({
    id: "tokens",
    names: ["llm_tokens_used_total"],
    type: "counter",
    unit: "tokens",
    labels: ["agent_id", "model", "provider", "token_type"],
    help: "Tokens used; token_type is prompt (input) or completion (output).",
  }),
  usage({ id: "cacheHits", names: ["llm_cache_hits_total"], type: "counter", unit: "lookups", labels: ["agent_id", "model"], help: "Calls the response cache answered." }),
  usage({ id: "cacheMisses", names: ["llm_cache_misses_total"], type: "counter", unit: "lookups", labels: ["agent_id", "model"], help: "Calls the response cache could not answer." }),
  usage({
    id: "errors",
    names: ["llm_errors_total"],
    type: "counter",
    unit: "errors",
    labels: ["agent_id", "model", "provider", "error_type"],
    help: "Failed LLM calls (record_error), by error type: the exception's class name.",
  }),
  usage({ id: "cost", names: ["llm_cost_total"], type: "counter", unit: "USD", labels: ["agent_id", "model", "provider"], help: "Money spent on LLM calls, in US dollars." }),
  usage({
    id: "duration",
    names: ["llm_request_duration_seconds"],
    type: "histogram",
    unit: "seconds",
    labels: ["agent_id", "model", "provider"],
    help: "Latency of a completed LLM call, end to end (Nexent's histogram of the same name has no agent_id).",
    buckets: PROMETHEUS_CLIENT_BUCKETS,
  }),
  usage({ id: "active", names: ["llm_active_requests"], type: "gauge", unit: "requests", labels: ["agent_id", "provider"], help: "LLM calls in flight." }),
  usage({
    id: "cacheSize",
    names: ["llm_cache_size"],
    type: "gauge",
    unit: "entries",
    labels: ["tenant"],
    help: "Entries in the response cache, per tenant.",
    notRecorded: "a per-tenant gauge that only seed 004 has; read it as it is",
  }),
];
