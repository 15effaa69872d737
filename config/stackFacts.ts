import type { ComponentName } from "./components.ts";
import type { KubernetesConfig } from "./kubernetesSchema.ts";
import type { StackConfig } from "./schema.ts";

/** A component's requests and limits, each a Kubernetes quantity. */
export type ResourceQuantities = Required<NonNullable<KubernetesConfig["resources"][ComponentName]>>;

/**
 * What the config's checks need to know of the stack the config describes. config/ is the bottom layer and
 * imports none of it; components/factsForConfig.ts gathers these from the catalog, the rules and the component
 * descriptions, and every reader of a stack's config passes them in.
 */
export interface StackFacts {
  /** Every bucket bound a catalogued time-to-first-token histogram has, ascending: a TTFT objective elsewhere is interpolated. */
  ttftBucketBounds: readonly number[];
  /** The bounds every time-to-first-token histogram of the GenAI, vLLM and LiteLLM emitters has, ascending. */
  ttftSharedBounds: readonly number[];
  /** Each component's requests and limits; an override of one side is judged against the other side's default. */
  defaultResources: Record<ComponentName, ResourceQuantities>;
  /** The size of Prometheus' data volume when kubernetes.storage.prometheus is unset. */
  defaultPrometheusStorage: string;
  /** The scrape jobs of the prometheus.yml the stack ships for a config, in order. */
  scrapeJobNames(config: StackConfig): string[];
  /** The shortest rate window over raw scraped series in the stack's rules for a config, if any. */
  shortestRuleRateWindow(config: StackConfig): { window: string; seconds: number } | undefined;
}
