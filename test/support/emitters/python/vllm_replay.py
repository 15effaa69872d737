"""A replay of a vLLM OpenAI-compatible server's /metrics: vLLM needs a GPU, so this serves one model from the
world's profile (time to first token, decode speed, token counts) and records, for every request it serves,
what vLLM's PrometheusStatLogger (vllm/v1/metrics/loggers.py) records, with prometheus_client as vLLM does:
the same metric names, types, label names (model_name, engine), buckets and finished reasons.

Versions differ in names, so the replay takes one:
  0.11    vllm:kv_cache_usage_perc, vllm:prefix_cache_*, vllm:inter_token_latency_seconds and the deprecated
          vllm:time_per_output_token_seconds side by side (0.11 shows both); finished reasons stop, length,
          abort: a failed request is counted nowhere.
  latest  (0.12 on) vllm:time_per_output_token_seconds hidden; finished reason "error" for a request that
          fails inside the engine (answered with HTTP 500).

    python vllm_replay.py <world JSON> <port> <served model name> <version>
"""

import hashlib
import sys
import threading
import time

from prometheus_client import Counter, Gauge, Histogram

import world
from openai_server import Completion, serve

TTFT_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0]
TOKEN_LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0]
REQUEST_LATENCY_BUCKETS = [0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0]
MAX_MODEL_LEN = 8192
FINISH_REASONS = {"0.11": ["stop", "length", "abort"], "latest": ["stop", "length", "abort", "error", "repetition"]}


def build_1_2_5_buckets(max_value):
    buckets, exponent = [], 0
    while True:
        for mantissa in (1, 2, 5):
            value = mantissa * 10**exponent
            if value > max_value:
                return buckets
            buckets.append(value)
        exponent += 1


class VllmMetrics:
    def __init__(self, model_name, version):
        labels = ["model_name", "engine"]
        values = [model_name, "0"]
        gauge = lambda name, doc: Gauge(name, doc, labels, multiprocess_mode="mostrecent").labels(*values)
        counter = lambda name, doc: Counter(name, doc, labels).labels(*values)
        histogram = lambda name, doc, buckets: Histogram(name, doc, labels, buckets=buckets).labels(*values)
        self.running = gauge("vllm:num_requests_running", "Number of requests in model execution batches.")
        self.waiting = gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.")
        self.kv_cache_usage = gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.")
        self.prefix_queries = counter("vllm:prefix_cache_queries", "Prefix cache queries, in terms of number of queried tokens.")
        self.prefix_hits = counter("vllm:prefix_cache_hits", "Prefix cache hits, in terms of number of cached tokens.")
        self.preemptions = counter("vllm:num_preemptions", "Cumulative number of preemption from the engine.")
        self.prompt_tokens = counter("vllm:prompt_tokens", "Number of prefill tokens processed.")
        self.generation_tokens = counter("vllm:generation_tokens", "Number of generation tokens processed.")
        success = Counter("vllm:request_success", "Count of successfully processed requests.", labels + ["finished_reason"])
        self.success = {reason: success.labels(*values, reason) for reason in FINISH_REASONS[version]}
        self.request_prompt_tokens = histogram("vllm:request_prompt_tokens", "Number of prefill tokens processed.", build_1_2_5_buckets(MAX_MODEL_LEN))
        self.request_generation_tokens = histogram("vllm:request_generation_tokens", "Number of generation tokens processed.", build_1_2_5_buckets(MAX_MODEL_LEN))
        self.ttft = histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.", TTFT_BUCKETS)
        self.token_latencies = [histogram("vllm:inter_token_latency_seconds", "Histogram of inter-token latency in seconds.", TOKEN_LATENCY_BUCKETS)]
        if version == "0.11":
            self.token_latencies.append(
                histogram("vllm:time_per_output_token_seconds", "Histogram of time per output token in seconds.DEPRECATED: Use vllm:inter_token_latency_seconds instead.", TOKEN_LATENCY_BUCKETS)
            )
        self.request_tpot = histogram("vllm:request_time_per_output_token_seconds", "Histogram of time_per_output_token_seconds per request.", TOKEN_LATENCY_BUCKETS)
        self.e2e = histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.", REQUEST_LATENCY_BUCKETS)
        self.queue = histogram("vllm:request_queue_time_seconds", "Histogram of time spent in WAITING phase for request.", REQUEST_LATENCY_BUCKETS)
        self.inference = histogram("vllm:request_inference_time_seconds", "Histogram of time spent in RUNNING phase for request.", REQUEST_LATENCY_BUCKETS)
        self.prefill = histogram("vllm:request_prefill_time_seconds", "Histogram of time spent in PREFILL phase for request.", REQUEST_LATENCY_BUCKETS)
        self.decode = histogram("vllm:request_decode_time_seconds", "Histogram of time spent in DECODE phase for request.", REQUEST_LATENCY_BUCKETS)
        info = Gauge("vllm:cache_config_info", "Information of the LLMEngine CacheConfig", ["block_size", "cache_dtype", "enable_prefix_caching", "gpu_memory_utilization"], multiprocess_mode="mostrecent")
        info.labels("16", "auto", "True", "0.9").set(1)


def main():
    spec = world.load_world()
    port, model_name, version = int(sys.argv[2]), sys.argv[3], sys.argv[4]
    profile = world.profile_of(spec, model_name)
    metrics = VllmMetrics(model_name, version)
    lock = threading.Lock()
    running = [0]
    seen_prompts = set()

    def handle(request, headers, write_token):
        arrival = time.monotonic()
        if request.get("model") != model_name:
            return Completion(404, error_type="NotFoundError")
        with lock:
            running[0] += 1
            metrics.running.set(running[0])
            metrics.kv_cache_usage.set(min(1.0, running[0] * 0.05))
        try:
            if (request.get("user") or "").startswith("fail:"):
                # The engine fails the request (a KV load failure, say): vLLM answers 500.
                time.sleep(0.05)
                if "error" in metrics.success:
                    metrics.success["error"].inc()
                return Completion(500, error_type="InternalServerError")
            prompt = request["messages"][-1]["content"]
            digest = hashlib.sha256(prompt.encode()).hexdigest()
            with lock:
                cached = digest in seen_prompts
                seen_prompts.add(digest)
            scheduled = time.monotonic()
            time.sleep(profile["ttftSeconds"])
            first_token = time.monotonic()
            tokens = ["tok "] * profile["completionTokens"]
            last = first_token
            if write_token:
                write_token(model_name, tokens[0], True)
            for token in tokens[1:]:
                time.sleep(1 / profile["tokensPerSecond"])
                now = time.monotonic()
                for histogram in metrics.token_latencies:
                    histogram.observe(now - last)
                last = now
                if write_token:
                    write_token(model_name, token, False)
            finished = time.monotonic()
            prompt_tokens, completion_tokens = profile["promptTokens"], profile["completionTokens"]
            metrics.prompt_tokens.inc(prompt_tokens)
            metrics.generation_tokens.inc(completion_tokens)
            metrics.prefix_queries.inc(prompt_tokens)
            if cached:
                metrics.prefix_hits.inc(prompt_tokens)
            metrics.request_prompt_tokens.observe(prompt_tokens)
            metrics.request_generation_tokens.observe(completion_tokens)
            metrics.ttft.observe(first_token - arrival)
            metrics.request_tpot.observe((finished - first_token) / max(completion_tokens - 1, 1))
            metrics.e2e.observe(finished - arrival)
            metrics.queue.observe(scheduled - arrival)
            metrics.inference.observe(finished - scheduled)
            metrics.prefill.observe(first_token - scheduled)
            metrics.decode.observe(finished - first_token)
            metrics.success["stop"].inc()
            usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens}
            return Completion(200, model=model_name, tokens=tokens, usage=usage)
        finally:
            with lock:
                running[0] -= 1
                metrics.running.set(running[0])
                metrics.kv_cache_usage.set(min(1.0, running[0] * 0.05))

    serve(port, handle)


if __name__ == "__main__":
    main()
