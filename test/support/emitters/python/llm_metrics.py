"""Seed 004's backend/core/llm/metrics.py, written from the seed's text with prometheus_client.

The seed lists the metrics and their labels:
  counters    llm_requests_total (agent, model, provider, status), llm_tokens_used_total (agent, model,
              provider, token type), llm_cache_hits_total and llm_cache_misses_total (agent, model),
              llm_errors_total (agent, model, provider, error type), llm_cost_total (USD; agent, model, provider)
  histogram   llm_request_duration_seconds (request latency)
  gauges      llm_active_requests (agent, provider), llm_cache_size (tenant)
and the API: record_request(...), record_error(...), track_request(...) and the active-request counters,
get_metrics() for the /metrics endpoint. Label names follow the seed's parameters (agent_id, model,
provider, status, token_type, error_type); the histogram keeps prometheus_client's default buckets, as the
seed names none.
"""

from contextlib import contextmanager

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest


class LLMMetrics:
    def __init__(self):
        self.requests = Counter("llm_requests_total", "Total LLM requests", ["agent_id", "model", "provider", "status"])
        self.tokens = Counter("llm_tokens_used_total", "Tokens used", ["agent_id", "model", "provider", "token_type"])
        self.cache_hits = Counter("llm_cache_hits_total", "Response cache hits", ["agent_id", "model"])
        self.cache_misses = Counter("llm_cache_misses_total", "Response cache misses", ["agent_id", "model"])
        self.errors = Counter("llm_errors_total", "LLM errors", ["agent_id", "model", "provider", "error_type"])
        self.cost = Counter("llm_cost_total", "LLM cost in USD", ["agent_id", "model", "provider"])
        self.duration = Histogram("llm_request_duration_seconds", "LLM request latency", ["agent_id", "model", "provider"])
        self.active = Gauge("llm_active_requests", "LLM requests in flight", ["agent_id", "provider"])
        self.cache_size = Gauge("llm_cache_size", "Entries in the response cache", ["tenant"])

    def record_request(self, agent_id, model, provider, status, duration_seconds, prompt_tokens, completion_tokens, cached, cost):
        self.requests.labels(agent_id, model, provider, status).inc()
        self.tokens.labels(agent_id, model, provider, "prompt").inc(prompt_tokens)
        self.tokens.labels(agent_id, model, provider, "completion").inc(completion_tokens)
        (self.cache_hits if cached else self.cache_misses).labels(agent_id, model).inc()
        self.cost.labels(agent_id, model, provider).inc(cost)
        self.duration.labels(agent_id, model, provider).observe(duration_seconds)

    def record_error(self, agent_id, model, provider, error_type):
        self.errors.labels(agent_id, model, provider, error_type).inc()

    def increment_active_requests(self, agent_id, provider):
        self.active.labels(agent_id, provider).inc()

    def decrement_active_requests(self, agent_id, provider):
        self.active.labels(agent_id, provider).dec()

    @contextmanager
    def track_request(self, agent_id, model, provider):
        self.increment_active_requests(agent_id, provider)
        try:
            yield
        finally:
            self.decrement_active_requests(agent_id, provider)

    def set_cache_size(self, tenant, entries):
        self.cache_size.labels(tenant).set(entries)

    def get_metrics(self):
        return generate_latest()


CONTENT_TYPE = CONTENT_TYPE_LATEST

_metrics = None


def get_llm_metrics():
    global _metrics
    if _metrics is None:
        _metrics = LLMMetrics()
    return _metrics
