import { catalogMetric } from "./metrics.ts";
import type { CatalogMetric, Vocabulary } from "./types.ts";

/**
 * Each vocabulary's histogram of whole-call durations and of the time to the first token. The recording
 * rules read them into the canonical latency buckets; the latency panels ask them for exemplars, which
 * ride on the raw buckets (a recorded series keeps none).
 */
export const LATENCY_HISTOGRAMS = {
  duration: {
    usage: catalogMetric("usage", "duration"),
    performance: catalogMetric("performance", "duration"),
    genai: catalogMetric("genai", "duration"),
    vllm: catalogMetric("vllm", "e2e"),
    litellm: catalogMetric("litellm", "latency"),
  },
  ttft: {
    performance: catalogMetric("performance", "ttft"),
    genai: catalogMetric("genai", "ttft"),
    vllm: catalogMetric("vllm", "ttft"),
    litellm: catalogMetric("litellm", "ttft"),
  },
} as const satisfies Record<"duration" | "ttft", Partial<Record<Vocabulary, CatalogMetric>>>;

/** Every name, in every form, of the histograms of one kind. */
export function latencyHistogramNames(kind: keyof typeof LATENCY_HISTOGRAMS): string[] {
  return [...new Set(Object.values(LATENCY_HISTOGRAMS[kind]).flatMap((metric) => metric.names))];
}
