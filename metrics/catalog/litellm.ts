import { vocabularyMetric } from "./vocabularyMetric.ts";

const EMITTERS = "LiteLLM's proxy with its Prometheus callback (litellm/integrations/prometheus.py, prometheus_client)";
const KEY = ["hashed_api_key", "api_key_alias", "team", "team_alias"];
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 420, 600];

const litellm = vocabularyMetric("litellm", { emitters: EMITTERS });

/**
 * LiteLLM's metrics. Calls are counted by the model the client asked for (requested_model); the virtual
 * key and its team say who called (the agent); every label set carries end_user, user and org labels too.
 */
export const LITELLM_METRICS = [
  litellm({
    id: "requests",
    names: ["litellm_proxy_total_requests_metric_total"],
    type: "counter",
    unit: "requests",
    labels: [...KEY, "requested_model", "status_code", "route"],
    help: "Requests to the proxy, every outcome (status_code).",
  }),
  litellm({
    id: "failedRequests",
    names: ["litellm_proxy_failed_requests_metric_total"],
    type: "counter",
    unit: "requests",
    labels: [...KEY, "requested_model", "exception_status", "exception_class", "route"],
    help: "Requests the proxy failed (the client got no success).",
  }),
  litellm({ id: "inputTokens", names: ["litellm_input_tokens_metric_total"], type: "counter", unit: "tokens", labels: [...KEY, "model", "requested_model"], help: "Input tokens." }),
  litellm({ id: "outputTokens", names: ["litellm_output_tokens_metric_total"], type: "counter", unit: "tokens", labels: [...KEY, "model", "requested_model"], help: "Output tokens." }),
  litellm({ id: "spend", names: ["litellm_spend_metric_total"], type: "counter", unit: "USD", labels: [...KEY, "model", "api_provider"], help: "Spend, from LiteLLM's price table." }),
  litellm({
    id: "latency",
    names: ["litellm_request_total_latency_metric"],
    type: "histogram",
    unit: "seconds",
    labels: [...KEY, "requested_model", "model"],
    help: "Total latency of a request through the proxy.",
    buckets: LATENCY_BUCKETS,
  }),
  litellm({
    id: "ttft",
    names: ["litellm_llm_api_time_to_first_token_metric"],
    type: "histogram",
    unit: "seconds",
    labels: [...KEY, "requested_model", "model"],
    help: "Time to the first token of a streamed LLM API call.",
    buckets: LATENCY_BUCKETS,
  }),
  litellm({
    id: "latencyPerOutputToken",
    names: ["litellm_deployment_latency_per_output_token"],
    type: "histogram",
    unit: "seconds",
    labels: [...KEY, "litellm_model_name", "api_provider", "api_base", "model_id"],
    help: "A deployment's LLM API latency per output token (the whole call's, first token included).",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  }),
  litellm({ id: "cacheHits", names: ["litellm_cache_hits_metric_total"], type: "counter", unit: "lookups", labels: [...KEY, "model"], help: "Requests LiteLLM's cache answered." }),
  litellm({ id: "cacheMisses", names: ["litellm_cache_misses_metric_total"], type: "counter", unit: "lookups", labels: [...KEY, "model"], help: "Requests LiteLLM's cache could not answer." }),
  litellm({ id: "inFlight", names: ["litellm_in_flight_requests"], type: "gauge", unit: "requests", labels: [], help: "HTTP requests in flight on the proxy (per worker)." }),
  litellm({ id: "teamBudgetRemaining", names: ["litellm_remaining_team_budget_metric"], type: "gauge", unit: "USD", labels: ["team", "team_alias"], help: "What a team may still spend." }),
  litellm({ id: "teamBudget", names: ["litellm_team_max_budget_metric"], type: "gauge", unit: "USD", labels: ["team", "team_alias"], help: "A team's budget." }),
  litellm({ id: "keyBudgetRemaining", names: ["litellm_remaining_api_key_budget_metric"], type: "gauge", unit: "USD", labels: ["hashed_api_key", "api_key_alias"], help: "What a virtual key may still spend." }),
  litellm({ id: "keyBudget", names: ["litellm_api_key_max_budget_metric"], type: "gauge", unit: "USD", labels: ["hashed_api_key", "api_key_alias"], help: "A virtual key's budget." }),
  litellm({
    id: "deploymentState",
    names: ["litellm_deployment_state"],
    type: "gauge",
    unit: "state",
    labels: ["litellm_model_name", "model_id", "api_base", "api_provider"],
    help: "A deployment's state: 0 healthy, 1 partial outage, 2 complete outage.",
    notRecorded: "a LiteLLM routing detail; read it as it is",
  }),
];
