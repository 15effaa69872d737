import type { Vocabulary } from "./types.ts";
import { SIGNALS, type Signal } from "./signals.ts";

export type EmitterId = "openlit-prometheus" | "openlit-otlp" | "nexent" | "nexent-otlp" | "prometheus-client" | "seed003-proxy" | "vllm" | "litellm";

/** An emitter as its users run it, and what it reports. */
export interface Emitter {
  id: EmitterId;
  /** Its column in the README's "which emitter feeds which panel" table. */
  name: string;
  /** How its metrics reach Prometheus, and what stands in for it in the conformance tests. */
  path: string;
  vocabularies: readonly Vocabulary[];
  /** Each signal it does not carry, and why: what the panels say where they stay empty for it. */
  lacks: Partial<Record<Signal, string>>;
}

const OPENLIT_LACKS: Emitter["lacks"] = {
  agent: "OpenLIT sets no agent attribute",
  cache: "OpenLIT sees no response cache",
  activeRequests: "OpenLIT has no in-flight gauge",
  budget: "OpenLIT keeps no budgets",
};

const NEXENT_LACKS: Emitter["lacks"] = {
  cost: "Nexent records no price",
  agent: "Nexent's metrics carry no agent",
  provider: "Nexent's metrics carry no provider",
  cache: "Nexent records no cache",
  activeRequests: "Nexent has no in-flight gauge",
  budget: "Nexent keeps no budgets",
};

/** The emitters the conformance tests run, each through the path its users use. */
export const EMITTERS: readonly Emitter[] = [
  {
    id: "openlit-prometheus",
    name: "OpenLIT (Prometheus exporter)",
    path: "OpenLIT 1.15 (npm) around the openai client; metrics scraped from the OpenTelemetry JS Prometheus exporter, spans to Jaeger",
    vocabularies: ["genai", "spans"],
    lacks: OPENLIT_LACKS,
  },
  {
    id: "openlit-otlp",
    name: "OpenLIT (OTLP)",
    path: "OpenLIT 1.15 (npm) around the openai client; metrics pushed over OTLP into Prometheus, spans to Jaeger",
    vocabularies: ["genai", "spans"],
    lacks: OPENLIT_LACKS,
  },
  {
    id: "nexent",
    name: "Nexent (Prometheus exporter)",
    path: "seed 000's instruments with the OpenTelemetry Python SDK and its Prometheus exporter, scraped",
    vocabularies: ["performance"],
    lacks: NEXENT_LACKS,
  },
  {
    id: "nexent-otlp",
    name: "Nexent (OTLP)",
    path: "Nexent's current instruments (llm.request.duration, ...) with the OpenTelemetry Python SDK, pushed over OTLP",
    vocabularies: ["performance"],
    lacks: NEXENT_LACKS,
  },
  {
    id: "prometheus-client",
    name: "prometheus_client (seed 004)",
    path: "seed 004's metrics with Python prometheus_client, scraped",
    vocabularies: ["usage"],
    lacks: {
      ttft: "seed 004's metrics have no time to first token",
      tokenSpeed: "seed 004's metrics have no token speed",
      budget: "seed 004 keeps its budget outside metrics (the stack's daily budget applies)",
    },
  },
  {
    id: "seed003-proxy",
    name: "prometheus_client (seed 003 proxy)",
    path: "seed 003's proxy, context service and health worker with Python prometheus_client, scraped as three jobs (test/integration/llmProxyDashboard.test.ts)",
    vocabularies: ["proxy"],
    lacks: {
      cost: "seed 003's proxy records no price",
      duration: "seed 003 times HTTP requests (the LLM Proxy dashboard), not LLM calls",
      ttft: "seed 003's metrics have no time to first token",
      tokenSpeed: "seed 003's metrics have no token speed",
      agent: "seed 003's metrics carry no agent",
      activeRequests: "seed 003 has no in-flight gauge",
      budget: "seed 003 keeps no budgets",
    },
  },
  {
    id: "vllm",
    name: "vLLM (replayed)",
    path: "a replay of vLLM's /metrics (0.11 and 0.12+ names), scraped",
    vocabularies: ["vllm"],
    lacks: {
      cost: "vLLM serves models, it prices nothing",
      agent: "vLLM knows no agents",
      cache: "vLLM has a prefix (KV) cache, not a response cache",
      budget: "vLLM keeps no budgets",
    },
  },
  {
    id: "litellm",
    name: "LiteLLM (replayed)",
    path: "a replay of a LiteLLM proxy's /metrics (virtual keys in teams, cache, budgets), scraped",
    vocabularies: ["litellm"],
    lacks: {},
  },
];

/** Whether an emitter carries a signal. */
export function carries(emitter: Emitter, signal: Signal): boolean {
  return emitter.lacks[signal] === undefined;
}

export function carriedSignals(emitter: Emitter): Signal[] {
  return SIGNALS.filter((signal) => carries(emitter, signal));
}

export function emitter(id: EmitterId): Emitter {
  const found = EMITTERS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no emitter ${id}`);
  return found;
}
