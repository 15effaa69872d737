import type { CatalogMetric, Vocabulary } from "./types.ts";
import { USAGE_METRICS } from "./usage.ts";
import { PERFORMANCE_METRICS } from "./performance.ts";
import { GENAI_METRICS } from "./genai.ts";
import { SPAN_METRICS_CATALOG } from "./spans.ts";
import { VLLM_METRICS } from "./vllm.ts";
import { LITELLM_METRICS } from "./litellm.ts";

/**
 * Every metric the project understands, in every form real emitters produce. The recording rules map
 * each onto one canonical set of series (rules/recording/), so dashboards and alerts never name these.
 */
export const CATALOG: readonly CatalogMetric[] = [...USAGE_METRICS, ...PERFORMANCE_METRICS, ...GENAI_METRICS, ...SPAN_METRICS_CATALOG, ...VLLM_METRICS, ...LITELLM_METRICS];

export function catalogMetric(vocabulary: Vocabulary, id: string): CatalogMetric {
  const metric = CATALOG.find((m) => m.vocabulary === vocabulary && m.id === id);
  if (!metric) throw new Error(`${vocabulary}.${id} is not in the metric catalog`);
  return metric;
}

/** The preferred name of a catalogued metric. */
export function nameOf(vocabulary: Vocabulary, id: string): string {
  return catalogMetric(vocabulary, id).names[0]!;
}
