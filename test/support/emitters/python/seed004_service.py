"""An LLM service instrumented as seed 004's "Integration with LLM Service" shows: MyLLMService records every
call with llm_metrics (active requests around the call; on success record_request with duration, tokens,
cost and whether the response cache answered; on failure record_error with the exception's type name), and
serves get_metrics() at /metrics, as the seed's FastAPI route does.

    python seed004_service.py <world JSON> <upstream base URL> <metrics port>
"""

import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import world
from llm_metrics import CONTENT_TYPE, get_llm_metrics


class LLMCostCalculator:
    """The seed's token-to-cost mapping: US dollars per 1,000 prompt and completion tokens, per model."""

    def __init__(self, models):
        self.prices = {m["model"]: (m["promptUsdPer1k"], m["completionUsdPer1k"]) for m in models}

    def calculate_cost(self, model, prompt_tokens, completion_tokens):
        prompt_price, completion_price = self.prices[model]
        return prompt_tokens / 1000 * prompt_price + completion_tokens / 1000 * completion_price


class MyLLMService:
    def __init__(self, world_spec, upstream):
        self.metrics = get_llm_metrics()
        self.costs = LLMCostCalculator(world_spec["models"])
        self.world = world_spec
        self.upstream = upstream
        self.cache = {}
        self.cache_lock = threading.Lock()

    def generate_completion(self, call, agent_id, model, provider):
        start_time = time.monotonic()
        try:
            self.metrics.increment_active_requests(agent_id, provider)
            key = (model, call["question"])
            with self.cache_lock:
                cached = self.cache.get(key)
            if cached is not None:
                self.metrics.record_request(agent_id=agent_id, model=model, provider=provider, status="success", duration_seconds=time.monotonic() - start_time, prompt_tokens=0, completion_tokens=0, cached=True, cost=0.0)
                return 0, 0
            prompt_tokens, completion_tokens = world.chat(self.upstream, call)
            duration = time.monotonic() - start_time
            cost = self.costs.calculate_cost(model, prompt_tokens, completion_tokens)
            self.metrics.record_request(agent_id=agent_id, model=model, provider=provider, status="success", duration_seconds=duration, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, cached=False, cost=cost)
            with self.cache_lock:
                self.cache[key] = (prompt_tokens, completion_tokens)
                self.metrics.set_cache_size("default", len(self.cache))
            return prompt_tokens, completion_tokens
        except Exception as e:
            self.metrics.record_error(agent_id=agent_id, model=model, provider=provider, error_type=type(e).__name__)
            raise
        finally:
            self.metrics.decrement_active_requests(agent_id, provider)


class MetricsRoute(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/metrics":
            self.send_error(404)
            return
        body = get_llm_metrics().get_metrics()
        self.send_response(200)
        self.send_header("Content-Type", CONTENT_TYPE)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    spec = world.load_world()
    upstream, port = sys.argv[2], int(sys.argv[3])
    service = MyLLMService(spec, upstream)
    server = ThreadingHTTPServer(("127.0.0.1", port), MetricsRoute)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def run_call(call):
        provider = world.profile_of(spec, call["model"])["provider"]
        return service.generate_completion(call, agent_id=call["agent"], model=call["model"], provider=provider)

    world.serve_conversation(run_call, spec["calls"])


if __name__ == "__main__":
    main()
