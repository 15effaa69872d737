import type { CatalogMetric, Vocabulary } from "./types.ts";
import { USAGE_METRICS } from "./usage.ts";
import { PERFORMANCE_METRICS } from "./performance.ts";
import { GENAI_METRICS } from "./genai.ts";
import { SPAN_METRICS_CATALOG } from "./spans.ts";
import { VLLM_METRICS } from "./vllm.ts";
import { LITELLM_METRICS } from "./litellm.ts";
import { PROXY_METRICS } from "./proxy.ts";

/**
 * Every metric the project understands, in every form real emitters produce. The recording rules map
 * each onto one canonical set of series (rules/recording/), so dashboards and alerts never name these.
 */
const BY_VOCABULARY = {
  usage: USAGE_METRICS,
  performance: PERFORMANCE_METRICS,
  genai: GENAI_METRICS,
  spans: SPAN_METRICS_CATALOG,
  vllm: VLLM_METRICS,
  litellm: LITELLM_METRICS,
  proxy: PROXY_METRICS,
} satisfies Record<Vocabulary, readonly CatalogMetric[]>;

export const CATALOG: readonly CatalogMetric[] = Object.values(BY_VOCABULARY).flat();

/** The ids a vocabulary's metrics have: rules and panels name a metric by one, and the compiler checks it. */
export type MetricId<V extends Vocabulary> = (typeof BY_VOCABULARY)[V][number]["id"];

export function catalogMetric<V extends Vocabulary>(vocabulary: V, id: MetricId<V>): CatalogMetric {
  const metric = CATALOG.find((m) => m.vocabulary === vocabulary && m.id === id);
  if (!metric) throw new Error(`${vocabulary}.${id} is not in the metric catalog`);
  return metric;
}

/** The preferred name of a catalogued metric. */
export function nameOf<V extends Vocabulary>(vocabulary: V, id: MetricId<V>): string {
  return catalogMetric(vocabulary, id).names[0]!;
}
