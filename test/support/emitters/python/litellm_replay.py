"""A replay of a LiteLLM proxy's /metrics: an OpenAI-compatible proxy with virtual keys (one per agent, each
in a team) and a response cache, forwarding to the world's upstream, that records for every request what
LiteLLM's Prometheus callback records (litellm/integrations/prometheus.py, its label sets in
litellm/types/integrations/prometheus.py): the same metric names, types, label names and latency buckets,
with prometheus_client as LiteLLM uses it.

Keys: the agent "team.key" calls with the bearer key "sk-team.key", alias "key", in the team aliased "team".
Budgets: every team may spend TEAM_BUDGET_USD and every key KEY_BUDGET_USD; the remaining budgets are
gauges, as LiteLLM sets them.

    python litellm_replay.py <world JSON> <port> <upstream base URL>
"""

import hashlib
import sys
import threading
import time

from prometheus_client import Counter, Gauge, Histogram

import world
from openai_server import Completion, serve

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 420.0, 600.0, float("inf"))
TEAM_BUDGET_USD = 0.02
KEY_BUDGET_USD = 0.01
ORG = ["org_id", "org_alias"]
KEY = ["hashed_api_key", "api_key_alias"]
TEAM = ["team", "team_alias"]
LABELS = {
    "litellm_proxy_total_requests_metric": ["end_user", *KEY, "requested_model", *TEAM, "user", "status_code", "user_email", "route", "client_ip", "user_agent", "model_id", *ORG],
    "litellm_proxy_failed_requests_metric": ["end_user", *KEY, "requested_model", *TEAM, "user", "user_email", "exception_status", "exception_class", "route", "client_ip", "user_agent", "model_id", *ORG],
    "litellm_request_total_latency_metric": ["end_user", *KEY, "requested_model", *TEAM, "user", "model", "model_id", *ORG],
    "litellm_llm_api_latency_metric": ["model", *KEY, *TEAM, "requested_model", "end_user", "user", "model_id", *ORG],
    "litellm_llm_api_time_to_first_token_metric": ["model", *KEY, *TEAM, "requested_model", "end_user", "user", "model_id", *ORG],
    "litellm_spend_metric": ["end_user", *KEY, "model", *TEAM, "user", "user_email", "client_ip", "user_agent", "model_id", "api_provider", *ORG],
    "tokens": ["end_user", *KEY, "model", *TEAM, "user", "user_email", "requested_model", "model_id", *ORG],
    "litellm_deployment_latency_per_output_token": ["litellm_model_name", "model_id", "api_base", "api_provider", *KEY, *TEAM, *ORG],
    "litellm_overhead_latency_metric": ["model_group", "api_provider", "api_base", "litellm_model_name", *KEY, "model_id"],
    "cache": ["model", *KEY, *TEAM, "end_user", "user", "model_id"],
    "deployment": ["requested_model", "litellm_model_name", "model_id", "api_base", "api_provider", *KEY, *TEAM, "client_ip", "user_agent"],
}


class Metrics:
    def __init__(self):
        counter = lambda name, doc, labels: Counter(name, doc, labels)
        histogram = lambda name, doc, labels: Histogram(name, doc, labels, buckets=LATENCY_BUCKETS)
        self.total_requests = counter("litellm_proxy_total_requests_metric", "Total number of requests made to the proxy server - track number of client side requests", LABELS["litellm_proxy_total_requests_metric"])
        self.failed_requests = counter("litellm_proxy_failed_requests_metric", "Total number of failed responses from proxy - the client did not get a success response from litellm proxy", LABELS["litellm_proxy_failed_requests_metric"])
        self.total_latency = histogram("litellm_request_total_latency_metric", "Total latency (seconds) for a request to LiteLLM", LABELS["litellm_request_total_latency_metric"])
        self.api_latency = histogram("litellm_llm_api_latency_metric", "Total latency (seconds) for a models LLM API call", LABELS["litellm_llm_api_latency_metric"])
        self.ttft = histogram("litellm_llm_api_time_to_first_token_metric", "Time to first token for a models LLM API call", LABELS["litellm_llm_api_time_to_first_token_metric"])
        self.spend = counter("litellm_spend_metric", "Total spend on LLM requests", LABELS["litellm_spend_metric"])
        self.total_tokens = counter("litellm_total_tokens_metric", "Total number of input + output tokens from LLM requests", LABELS["tokens"])
        self.input_tokens = counter("litellm_input_tokens_metric", "Total number of input tokens from LLM requests", LABELS["tokens"])
        self.output_tokens = counter("litellm_output_tokens_metric", "Total number of output tokens from LLM requests", LABELS["tokens"])
        self.remaining_team_budget = Gauge("litellm_remaining_team_budget_metric", "Remaining budget for team", TEAM)
        self.team_max_budget = Gauge("litellm_team_max_budget_metric", "Maximum budget set for team", TEAM)
        self.team_budget_hours = Gauge("litellm_team_budget_remaining_hours_metric", "Remaining days for team budget to be reset", TEAM)
        self.remaining_key_budget = Gauge("litellm_remaining_api_key_budget_metric", "Remaining budget for api key", KEY)
        self.key_max_budget = Gauge("litellm_api_key_max_budget_metric", "Maximum budget set for api key", KEY)
        self.key_budget_hours = Gauge("litellm_api_key_budget_remaining_hours_metric", "Remaining hours for api key budget to be reset", KEY)
        self.overhead = histogram("litellm_overhead_latency_metric", "Latency overhead (milliseconds) added by LiteLLM processing", LABELS["litellm_overhead_latency_metric"])
        self.deployment_state = Gauge("litellm_deployment_state", "LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage", ["litellm_model_name", "model_id", "api_base", "api_provider"])
        self.deployment_success = counter("litellm_deployment_success_responses", "LLM Deployment Analytics - Total number of successful LLM API calls via litellm", LABELS["deployment"])
        self.deployment_failure = counter("litellm_deployment_failure_responses", "LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deploymeny. exception_status is the status of the exception from the llm api", LABELS["deployment"] + ["exception_status", "exception_class"])
        self.deployment_total = counter("litellm_deployment_total_requests", "LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure", LABELS["deployment"])
        self.latency_per_output_token = Histogram("litellm_deployment_latency_per_output_token", "LLM Deployment Analytics - Latency per output token", LABELS["litellm_deployment_latency_per_output_token"])
        self.cache_hits = counter("litellm_cache_hits_metric", "Total number of LiteLLM cache hits", LABELS["cache"])
        self.cache_misses = counter("litellm_cache_misses_metric", "Total number of LiteLLM cache misses", LABELS["cache"])
        self.cached_tokens = counter("litellm_cached_tokens_metric", "Total tokens served from LiteLLM cache", LABELS["cache"])
        self.in_flight = Gauge("litellm_in_flight_requests", "Number of HTTP requests currently in-flight on this uvicorn worker")


def main():
    spec = world.load_world()
    port, upstream = int(sys.argv[2]), sys.argv[3]
    metrics = Metrics()
    lock = threading.Lock()
    cache = {}
    spent = {"team": {}, "key": {}}
    prices = {m["model"]: m for m in spec["models"]}
    deployments = {m["model"]: {"litellm_model_name": f"{m['provider']}/{m['model']}", "model_id": hashlib.sha256(m["model"].encode()).hexdigest()[:16], "api_base": upstream, "api_provider": m["provider"]} for m in spec["models"]}
    for deployment in deployments.values():
        metrics.deployment_state.labels(**deployment).set(0)

    def identity(headers):
        secret = (headers.get("Authorization") or "").removeprefix("Bearer ")
        team, _, key = secret.removeprefix("sk-").partition(".")
        return {"hashed_api_key": hashlib.sha256(secret.encode()).hexdigest(), "api_key_alias": key, "team": f"team-{team}", "team_alias": team}

    def budgets(who):
        for kind, labels, maximum, remaining_gauge, max_gauge, hours_gauge in (
            ("team", {"team": who["team"], "team_alias": who["team_alias"]}, TEAM_BUDGET_USD, metrics.remaining_team_budget, metrics.team_max_budget, metrics.team_budget_hours),
            ("key", {"hashed_api_key": who["hashed_api_key"], "api_key_alias": who["api_key_alias"]}, KEY_BUDGET_USD, metrics.remaining_key_budget, metrics.key_max_budget, metrics.key_budget_hours),
        ):
            used = spent[kind].get(tuple(labels.values()), 0.0)
            max_gauge.labels(**labels).set(maximum)
            remaining_gauge.labels(**labels).set(maximum - used)
            hours_gauge.labels(**labels).set(24)

    def handle(request, headers, write_token):
        arrival = time.monotonic()
        who = identity(headers)
        model = request["model"]
        deployment = deployments[model]
        unset = {"end_user": "None", "user": "None", "user_email": "None", "org_id": "None", "org_alias": "None"}
        client = {"route": "/chat/completions", "client_ip": "127.0.0.1", "user_agent": headers.get("User-Agent") or "None"}
        base = {**unset, **who}
        metrics.in_flight.inc()
        try:
            with lock:
                budgets(who)
            call = {"model": model, "question": request["messages"][-1]["content"], "stream": bool(request.get("stream"))}
            marker = request.get("user") or ""
            if marker.startswith("fail:"):
                call["failWith"] = int(marker.removeprefix("fail:"))
            cache_labels = {k: base[k] for k in LABELS["cache"] if k in base} | {"model": model, "model_id": deployment["model_id"]}
            with lock:
                cached = cache.get((model, call["question"])) if "failWith" not in call else None
            if cached is not None:
                prompt_tokens, completion_tokens = cached
                metrics.cache_hits.labels(**cache_labels).inc()
                metrics.cached_tokens.labels(**cache_labels).inc(prompt_tokens + completion_tokens)
                tokens = ["tok "] * completion_tokens
                if write_token:
                    for index, token in enumerate(tokens):
                        write_token(model, token, index == 0)
                cost = 0.0
                api_seconds = 0.0
                ttft = None
            else:
                metrics.cache_misses.labels(**cache_labels).inc()
                deployment_labels = {k: v for k, v in {**base, **client, **deployment, "requested_model": model}.items() if k in LABELS["deployment"]}
                metrics.deployment_total.labels(**deployment_labels).inc()
                api_started = time.monotonic()
                first = []
                tokens = []

                def on_first_token():
                    first.append(time.monotonic())

                def on_token(token):
                    if write_token:
                        write_token(model, token, not tokens)
                    tokens.append(token)

                try:
                    prompt_tokens, completion_tokens = world.chat(upstream, call, on_first_token, on_token)
                except world.LLMError as error:
                    exception = {"exception_status": str(error.status), "exception_class": type(error).__name__}
                    metrics.deployment_failure.labels(**deployment_labels, **exception).inc()
                    failed = {k: v for k, v in {**base, **client, **exception, "requested_model": model, "model_id": deployment["model_id"]}.items() if k in LABELS["litellm_proxy_failed_requests_metric"]}
                    metrics.failed_requests.labels(**failed).inc()
                    total = {k: v for k, v in {**base, **client, "status_code": str(error.status), "requested_model": model, "model_id": deployment["model_id"]}.items() if k in LABELS["litellm_proxy_total_requests_metric"]}
                    metrics.total_requests.labels(**total).inc()
                    return Completion(error.status, error_type=type(error).__name__)
                api_seconds = time.monotonic() - api_started
                ttft = first[0] - api_started if call["stream"] and first else None
                metrics.deployment_success.labels(**deployment_labels).inc()
                per_token = {k: v for k, v in {**base, **deployment}.items() if k in LABELS["litellm_deployment_latency_per_output_token"]}
                metrics.latency_per_output_token.labels(**per_token).observe(api_seconds / max(completion_tokens, 1))
                cost = prompt_tokens / 1000 * prices[model]["promptUsdPer1k"] + completion_tokens / 1000 * prices[model]["completionUsdPer1k"]
                with lock:
                    cache[(model, call["question"])] = (prompt_tokens, completion_tokens)
                if not tokens:
                    tokens = ["tok "] * completion_tokens
            common = {**base, "requested_model": model, "model": model, "model_id": deployment["model_id"]}
            pick = lambda name: {k: v for k, v in {**common, **client, **deployment}.items() if k in LABELS[name]}
            metrics.input_tokens.labels(**pick("tokens")).inc(prompt_tokens)
            metrics.output_tokens.labels(**pick("tokens")).inc(completion_tokens)
            metrics.total_tokens.labels(**pick("tokens")).inc(prompt_tokens + completion_tokens)
            metrics.spend.labels(**pick("litellm_spend_metric")).inc(cost)
            metrics.api_latency.labels(**pick("litellm_llm_api_latency_metric")).observe(api_seconds)
            if ttft is not None:
                metrics.ttft.labels(**pick("litellm_llm_api_time_to_first_token_metric")).observe(ttft)
            overhead = {k: v for k, v in {**common, **deployment, "model_group": model}.items() if k in LABELS["litellm_overhead_latency_metric"]}
            metrics.overhead.labels(**overhead).observe(0.002)
            with lock:
                for kind, owner in (("team", (who["team"], who["team_alias"])), ("key", (who["hashed_api_key"], who["api_key_alias"]))):
                    spent[kind][owner] = spent[kind].get(owner, 0.0) + cost
                budgets(who)
            metrics.total_latency.labels(**pick("litellm_request_total_latency_metric")).observe(time.monotonic() - arrival)
            metrics.total_requests.labels(**pick("litellm_proxy_total_requests_metric"), status_code="200").inc()
            usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens}
            return Completion(200, model=model, tokens=tokens, usage=usage)
        finally:
            metrics.in_flight.dec()

    serve(port, handle)


if __name__ == "__main__":
    main()
