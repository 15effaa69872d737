"""Seed 003's LLM proxy services, each its own process, instrumented with prometheus_client the way the
seed's src.core.metrics.metrics_collector wraps it, and serving /metrics with prometheus_client's own
start_http_server (which answers Prometheus in OpenMetrics when asked, as its users run it).

The seed names the metrics, not their labels; the labels here are the project's stated assumption
(metrics/catalog/proxy.ts): HTTP by method, endpoint and status code; LLM calls by provider, model and
status; tokens by provider, model and token_type; health checks by provider and status; provider_status
by provider.

    python seed003_services.py proxy   <world JSON> <upstream base URL> <metrics port>
    python seed003_services.py context <metrics port>
    python seed003_services.py worker  <upstream base URL> <metrics port>

The proxy serves an OpenAI-style /v1/chat/completions (and /health) over HTTP, with a response cache,
and forwards to the upstream; on "run" it sends the world's calls to itself over HTTP. The context
service condenses contexts, the health worker checks each provider, both on their own timers.
"""

import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import Counter, Gauge, Histogram, start_http_server

import world


class MetricsCollector:
    """The seed's metrics_collector: the metrics of one service, named as the seed lists them."""

    def __init__(self, role):
        if role == "proxy":
            self.http_requests = Counter("http_requests_total", "Total HTTP requests", ["method", "endpoint", "status"])
            self.http_duration = Histogram("http_request_duration_seconds", "Request duration", ["method", "endpoint"])
            self.llm_requests = Counter("llm_requests_total", "Total LLM API calls", ["provider", "model", "status"])
            self.llm_tokens = Counter("llm_tokens_total", "Total tokens processed", ["provider", "model", "token_type"])
            self.cache_hits = Counter("cache_hits_total", "Cache hit counter")
            self.cache_misses = Counter("cache_misses_total", "Cache miss counter")
        elif role == "context":
            self.condensations = Counter("context_condensations_total", "Total condensation operations")
            self.cache_size = Gauge("context_cache_size", "Current cache size")
            self.processing_time = Histogram("context_processing_time_seconds", "Processing time")
        else:
            self.health_checks = Counter("health_checks_total", "Total health checks performed", ["provider", "status"])
            self.provider_status = Gauge("provider_status", "Current provider status (0=unhealthy, 1=healthy)", ["provider"])


class ProxyHandler(BaseHTTPRequestHandler):
    """The proxy's API; every request is counted and timed by method, endpoint and status code."""

    metrics = None
    world = None
    upstream = None
    cache = {}
    cache_lock = threading.Lock()

    def do_GET(self):
        self.timed("GET", lambda: (200, {"status": "ok"}))

    def do_POST(self):
        self.timed("POST", self.chat_completions)

    def timed(self, method, handle):
        endpoint = self.path if self.path in ("/v1/chat/completions", "/health") else "other"
        started = time.monotonic()
        status, body = handle() if endpoint != "other" else (404, {"error": "not found"})
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.metrics.http_duration.labels(method, endpoint).observe(time.monotonic() - started)
        self.metrics.http_requests.labels(method, endpoint, str(status)).inc()

    def chat_completions(self):
        call = json.loads(self.rfile.read(int(self.headers["content-length"])))
        model = call["model"]
        provider = world.profile_of(self.world, model)["provider"]
        key = (model, call["question"])
        with self.cache_lock:
            cached = self.cache.get(key)
        if cached is not None:
            self.metrics.cache_hits.inc()
            return 200, {"usage": {"prompt_tokens": 0, "completion_tokens": 0}, "cached": True}
        self.metrics.cache_misses.inc()
        try:
            prompt, completion = world.chat(self.upstream, call)
        except world.LLMError as error:
            self.metrics.llm_requests.labels(provider, model, "error").inc()
            return 502, {"error": f"upstream failed with HTTP {error.status}"}
        self.metrics.llm_requests.labels(provider, model, "success").inc()
        self.metrics.llm_tokens.labels(provider, model, "prompt").inc(prompt)
        self.metrics.llm_tokens.labels(provider, model, "completion").inc(completion)
        with self.cache_lock:
            self.cache[key] = (prompt, completion)
        return 200, {"usage": {"prompt_tokens": prompt, "completion_tokens": completion}}

    def log_message(self, *args):
        pass


def run_proxy(spec, upstream, metrics_port):
    ProxyHandler.metrics = MetricsCollector("proxy")
    ProxyHandler.world = spec
    ProxyHandler.upstream = upstream
    start_http_server(metrics_port, addr="127.0.0.1")
    api = ThreadingHTTPServer(("127.0.0.1", 0), ProxyHandler)
    threading.Thread(target=api.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{api.server_address[1]}"

    def run_call(call):
        urllib.request.urlopen(f"{base}/health", timeout=10).read()
        request = urllib.request.Request(f"{base}/v1/chat/completions", data=json.dumps(call).encode(), headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                usage = json.loads(response.read())["usage"]
        except urllib.error.HTTPError as error:
            raise world.error_for(error.code) from None
        return usage["prompt_tokens"], usage["completion_tokens"]

    world.serve_conversation(run_call, spec["calls"])


def run_context(metrics_port):
    metrics = MetricsCollector("context")
    start_http_server(metrics_port, addr="127.0.0.1")
    cache = {}
    rng = random.Random(3)
    print("ready", flush=True)
    while True:
        started = time.monotonic()
        conversation = " ".join(f"turn {i}" for i in range(rng.randint(20, 200)))
        cache[len(cache) % 50] = conversation[: len(conversation) // 4]
        time.sleep(rng.uniform(0.005, 0.05))
        metrics.processing_time.observe(time.monotonic() - started)
        metrics.condensations.inc()
        metrics.cache_size.set(len(cache))
        time.sleep(0.1)


def run_worker(upstream, metrics_port):
    """Checks each provider: openai is the upstream, backup an address nothing listens on."""
    metrics = MetricsCollector("worker")
    start_http_server(metrics_port, addr="127.0.0.1")
    providers = {"openai": upstream, "backup": "http://127.0.0.1:9/v1"}
    print("ready", flush=True)
    while True:
        for provider, url in providers.items():
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2).read()
                healthy = True
            except urllib.error.HTTPError:
                healthy = True  # it answered
            except OSError:
                healthy = False
            metrics.health_checks.labels(provider, "healthy" if healthy else "unhealthy").inc()
            metrics.provider_status.labels(provider).set(1 if healthy else 0)
        time.sleep(0.5)


def main():
    role = sys.argv[1]
    if role == "proxy":
        run_proxy(json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4]))
    elif role == "context":
        run_context(int(sys.argv[2]))
    else:
        run_worker(sys.argv[2], int(sys.argv[3]))


if __name__ == "__main__":
    main()
