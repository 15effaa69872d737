import type { StackFacts } from "../config/stackFacts.ts";
import { TTFT_BUCKET_BOUNDS, TTFT_SHARED_BOUNDS } from "../metrics/ttftBucketBounds.ts";
import { shortestRuleRateWindow } from "../rules/rateWindows.ts";
import { DEFAULT_RESOURCES } from "./defaultResources.ts";
import { PROMETHEUS_DEFAULT_STORAGE } from "./prometheus/description.ts";
import { scrapeJobNames } from "./prometheus/scrapeJobNames.ts";

/**
 * What the config's checks need to know of this stack, from the catalog, the rules and the component
 * descriptions: pass it wherever a stack's config is read (readStackFile, loadStackConfig, parseStackConfig).
 */
export const STACK_FACTS: StackFacts = {
  ttftBucketBounds: TTFT_BUCKET_BOUNDS,
  ttftSharedBounds: TTFT_SHARED_BOUNDS,
  defaultResources: DEFAULT_RESOURCES,
  defaultPrometheusStorage: PROMETHEUS_DEFAULT_STORAGE,
  scrapeJobNames,
  shortestRuleRateWindow,
};
