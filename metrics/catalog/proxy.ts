import { vocabularyMetric } from "./vocabularyMetric.ts";
import { PROMETHEUS_CLIENT_BUCKETS } from "./usage.ts";

const EMITTERS = "seed 003's LLM proxy services (proxy, context service, health worker): src.core.metrics' metrics_collector, which wraps prometheus_client";

/**
 * Why the seed's own service metrics feed no canonical LLM series: the dashboards and alerts that read them
 * (the LLM Proxy dashboard, ProviderUnhealthy) read them as prometheus_client exposes them.
 */
const SERVICE_METRIC = "a service metric of seed 003's, not an LLM call: the LLM Proxy dashboard reads it as it is";

const proxy = vocabularyMetric("proxy", { emitters: EMITTERS });

/**
 * Seed 003's metrics, as Python's prometheus_client exposes them. The seed names the metrics and what they
 * count but no labels; the labels below are the assumption the project makes, stated here once:
 *   - HTTP RED by `method`, `endpoint` (the route) and `status` (the HTTP status code, "200");
 *   - LLM calls by `provider`, `model` and `status` ("success" or "error"), tokens by `provider`, `model`
 *     and `token_type` ("prompt" or "completion"), as seed 004's metrics (the same author's) name them;
 *   - health checks and provider status by `provider`, health checks also by `status` ("healthy" or
 *     "unhealthy"); the cache and context metrics unlabelled.
 * prometheus_client adds what it always adds: `_total` on counters (and a `_created` series beside each
 * counter and histogram, which nothing reads), `_bucket`/`_sum`/`_count` and its default buckets on
 * histograms. The seed's `llm_requests_total` is seed 004's name too; the proxy's carries no `agent_id`,
 * which tells the two apart (rules/recording/sources/proxy.ts).
 */
export const PROXY_METRICS = [
  proxy({
    id: "httpRequests",
    names: ["http_requests_total"],
    type: "counter",
    unit: "requests",
    labels: ["method", "endpoint", "status"],
    help: "HTTP requests a service answered, by method, endpoint and HTTP status code.",
    notRecorded: SERVICE_METRIC,
  }),
  proxy({
    id: "httpDuration",
    names: ["http_request_duration_seconds"],
    type: "histogram",
    unit: "seconds",
    labels: ["method", "endpoint"],
    help: "How long a service took to answer an HTTP request, by method and endpoint (prometheus_client's default buckets).",
    buckets: PROMETHEUS_CLIENT_BUCKETS,
    notRecorded: SERVICE_METRIC,
  }),
  proxy({
    id: "requests",
    names: ["llm_requests_total"],
    type: "counter",
    unit: "requests",
    labels: ["provider", "model", "status"],
    help: "LLM API calls the proxy made, every outcome; status is success or error (no agent_id, unlike seed 004's metric of the same name).",
  }),
  proxy({
    id: "tokens",
    names: ["llm_tokens_total"],
    type: "counter",
    unit: "tokens",
    labels: ["provider", "model", "token_type"],
    help: "Tokens the proxy's LLM calls used; token_type is prompt (input) or completion (output).",
  }),
  proxy({ id: "cacheHits", names: ["cache_hits_total"], type: "counter", unit: "lookups", labels: [], help: "Requests the proxy's response cache answered." }),
  proxy({ id: "cacheMisses", names: ["cache_misses_total"], type: "counter", unit: "lookups", labels: [], help: "Requests the proxy's response cache could not answer." }),
  proxy({
    id: "condensations",
    names: ["context_condensations_total"],
    type: "counter",
    unit: "operations",
    labels: [],
    help: "Context condensations the context service performed.",
    notRecorded: SERVICE_METRIC,
  }),
  proxy({ id: "contextCacheSize", names: ["context_cache_size"], type: "gauge", unit: "entries", labels: [], help: "Entries in the context service's cache.", notRecorded: SERVICE_METRIC }),
  proxy({
    id: "contextProcessingTime",
    names: ["context_processing_time_seconds"],
    type: "histogram",
    unit: "seconds",
    labels: [],
    help: "How long the context service took to process a context (prometheus_client's default buckets).",
    buckets: PROMETHEUS_CLIENT_BUCKETS,
    notRecorded: SERVICE_METRIC,
  }),
  proxy({
    id: "healthChecks",
    names: ["health_checks_total"],
    type: "counter",
    unit: "checks",
    labels: ["provider", "status"],
    help: "Provider health checks the health worker performed, by provider and outcome (healthy or unhealthy).",
    notRecorded: SERVICE_METRIC,
  }),
  proxy({
    id: "providerStatus",
    names: ["provider_status"],
    type: "gauge",
    unit: "status",
    labels: ["provider"],
    help: "Whether the health worker found a provider healthy at its last check: 1 healthy, 0 unhealthy.",
    notRecorded: SERVICE_METRIC,
  }),
];
