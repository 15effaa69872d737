"""An LLM service instrumented as Nexent's monitoring manager instruments it (ModelEngine-Group/nexent,
sdk/nexent/monitor/monitoring.py), with the OpenTelemetry Python SDK:

  prometheus  the version seed 000 describes (before commit f87b1cb06): instruments llm_request_duration_seconds
              (s), llm_token_generation_rate (tokens/s), llm_time_to_first_token_seconds (s),
              llm_total_tokens (tokens) and llm_error_count (errors) with the attributes model, operation and
              type, read by the SDK's PrometheusMetricReader and served on /metrics;
  otlp        the current version: llm.request.duration, llm.token.generation_rate, llm.time_to_first_token,
              llm.token_count.prompt, llm.token_count.completion and llm.error.count with llm.model_name and
              llm.operation.name, pushed by the OTLP/HTTP exporter.

Both record as Nexent's trace_llm_request and LLMTokenTracker do: the duration of every call (failed ones
too) when it ends, an error count for a failed one, the time to the first streamed token, the output
tokens per second of a streamed response (tokens counted over the whole call), and the token counts.
Histograms keep the SDK's default buckets, as Nexent sets none.

    python nexent_service.py <world JSON> <upstream base URL> prometheus <metrics port>
    python nexent_service.py <world JSON> <upstream base URL> otlp <OTLP metrics URL> <export interval ms>
"""

import sys
import time

from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.resources import Resource

import world

SERVICE_NAME = "nexent-backend"

# Instrument names and the attributes each version records with.
VERSIONS = {
    "prometheus": {
        "duration": "llm_request_duration_seconds",
        "rate": "llm_token_generation_rate",
        "ttft": "llm_time_to_first_token_seconds",
        "tokens": "llm_total_tokens",
        "errors": "llm_error_count",
        "model": "model",
        "operation": "operation",
    },
    "otlp": {
        "duration": "llm.request.duration",
        "rate": "llm.token.generation_rate",
        "ttft": "llm.time_to_first_token",
        "prompt_tokens": "llm.token_count.prompt",
        "completion_tokens": "llm.token_count.completion",
        "errors": "llm.error.count",
        "model": "llm.model_name",
        "operation": "llm.operation.name",
    },
}


def meter_provider(mode, args):
    resource = Resource.create({"service.name": SERVICE_NAME, "service.version": "1.0.0", "service.instance.id": "nexent-instance-1"})
    if mode == "prometheus":
        from opentelemetry.exporter.prometheus import PrometheusMetricReader
        from prometheus_client import start_http_server

        start_http_server(int(args[0]), addr="127.0.0.1")
        return MeterProvider(resource=resource, metric_readers=[PrometheusMetricReader()])
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
    from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader

    reader = PeriodicExportingMetricReader(exporter=OTLPMetricExporter(endpoint=args[0]), export_interval_millis=int(args[1]))
    return MeterProvider(resource=resource, metric_readers=[reader])


class Monitor:
    def __init__(self, mode):
        names = VERSIONS[mode]
        self.names = names
        meter = metrics.get_meter(SERVICE_NAME)
        self.duration = meter.create_histogram(name=names["duration"], description="Duration of LLM requests in seconds", unit="s")
        self.rate = meter.create_histogram(name=names["rate"], description="Token generation rate (tokens per second)", unit="tokens/s")
        self.ttft = meter.create_histogram(name=names["ttft"], description="Time to first token (TTFT) in seconds", unit="s")
        if mode == "prometheus":
            total = meter.create_counter(name=names["tokens"], description="Total tokens processed", unit="tokens")
            self.add_tokens = lambda model, prompt, completion: (
                total.add(prompt, {names["model"]: model, "type": "input"}),
                total.add(completion, {names["model"]: model, "type": "output"}),
            )
        else:
            prompt_counter = meter.create_counter(name=names["prompt_tokens"], description="Number of prompt/input tokens", unit="tokens")
            completion_counter = meter.create_counter(name=names["completion_tokens"], description="Number of completion/output tokens", unit="tokens")
            self.add_tokens = lambda model, prompt, completion: (
                prompt_counter.add(prompt, {names["model"]: model}),
                completion_counter.add(completion, {names["model"]: model}),
            )
        self.errors = meter.create_counter(name=names["errors"], description="Number of LLM errors", unit="errors")

    def call(self, upstream, call, operation="chat_completion"):
        """trace_llm_request around the call, an LLMTokenTracker for its tokens."""
        model = call["model"]
        start_time = time.time()
        first_token = []
        token_count = [0]

        def on_first_token():
            first_token.append(time.time())
            self.ttft.record(first_token[0] - start_time, {self.names["model"]: model})

        def on_token(_):
            token_count[0] += 1

        try:
            prompt, completion = world.chat(upstream, call, on_first_token, on_token)
            total_duration = time.time() - start_time
            if total_duration > 0 and token_count[0] > 0:
                self.rate.record(token_count[0] / total_duration, {self.names["model"]: model})
            self.add_tokens(model, prompt, completion)
            return prompt, completion
        except Exception:
            self.errors.add(1, {self.names["model"]: model, self.names["operation"]: operation})
            raise
        finally:
            self.duration.record(time.time() - start_time, {self.names["model"]: model, self.names["operation"]: operation})


def main():
    spec = world.load_world()
    upstream, mode = sys.argv[2], sys.argv[3]
    metrics.set_meter_provider(meter_provider(mode, sys.argv[4:]))
    monitor = Monitor(mode)
    world.serve_conversation(lambda call: monitor.call(upstream, call), spec["calls"])


if __name__ == "__main__":
    main()
