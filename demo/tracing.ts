import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { SpanKind, SpanStatusCode, type Span, type Tracer } from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { DemoCall, DemoModel } from "../synthetic/demoWorkload.ts";
import { CHAT, GEN_AI } from "./genAiAttributes.ts";

/** One span per LLM call, named and attributed as the GenAI conventions say, exported over OTLP/HTTP to Jaeger. */
export class CallTracing {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;

  constructor(resource: Resource, otlpTracesUrl: string) {
    this.provider = new BasicTracerProvider({
      resource,
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl }), { scheduledDelayMillis: 1000 })],
    });
    this.tracer = this.provider.getTracer("llmobs-demo");
  }

  start(agent: string, model: DemoModel): Span {
    return this.tracer.startSpan(`${CHAT} ${model.model}`, {
      kind: SpanKind.CLIENT,
      attributes: { [GEN_AI.operationName]: CHAT, [GEN_AI.providerName]: model.provider, [GEN_AI.requestModel]: model.model, [GEN_AI.agentName]: agent },
    });
  }

  /** Ends the call's span; a failed call is marked as the conventions say: error.type and an error status. */
  end(span: Span, call: DemoCall): void {
    if (call.errorType) {
      span.setAttribute(GEN_AI.errorType, call.errorType);
      span.setStatus({ code: SpanStatusCode.ERROR, message: call.errorType === "rate_limit" ? "429 Too Many Requests" : "request timed out" });
    } else {
      span.setAttributes({
        [GEN_AI.responseModel]: call.model.model,
        [GEN_AI.inputTokens]: call.promptTokens,
        [GEN_AI.outputTokens]: call.completionTokens,
        "llmobs.cache_hit": call.cacheHit,
      });
    }
    span.end();
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
