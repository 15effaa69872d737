import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPTraceExporter as OtlpGrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as OtlpHttpExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { JaegerExporter } from "@opentelemetry/exporter-jaeger";

/** How a client sends spans to Jaeger, each through the OpenTelemetry JS exporter its users run. */
export type SpanProtocol = "otlp-grpc" | "otlp-http" | "thrift-http";

/** The exporter for a protocol, pointed at `endpoint` as its users configure it. */
export function spanExporter(protocol: SpanProtocol, endpoint: string): SpanExporter {
  switch (protocol) {
    case "otlp-grpc":
      return new OtlpGrpcExporter({ url: endpoint });
    case "otlp-http":
      return new OtlpHttpExporter({ url: `${endpoint}/v1/traces` });
    case "thrift-http":
      // JAEGER_ENDPOINT clients: Thrift over HTTP to the v1 collector's /api/traces.
      return new JaegerExporter({ endpoint });
  }
}

/** Ends one span of `service` through `exporter` and waits until it is sent; returns its trace id. */
export async function sendSpan(exporter: SpanExporter, service: string, operation: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const span = provider.getTracer("llmobs-tests").startSpan(operation, { attributes: { "gen_ai.request.model": "gpt-4o" } });
  const traceId = span.spanContext().traceId;
  span.end();
  await provider.forceFlush();
  await provider.shutdown();
  return traceId;
}
