import { CATALOG } from "./catalog/metrics.ts";

const ttftHistograms = CATALOG.filter((metric) => metric.id === "ttft");

/** Every bucket bound a catalogued time-to-first-token histogram has, ascending: a TTFT objective at one is counted, elsewhere interpolated. */
export const TTFT_BUCKET_BOUNDS: readonly number[] = [...new Set(ttftHistograms.flatMap((metric) => metric.buckets ?? []))].sort((a, b) => a - b);

/**
 * The bounds every time-to-first-token histogram has, leaving out Nexent's (its OpenTelemetry default
 * buckets start at 5 s): an objective at one of these is counted exactly for OpenLIT, vLLM and LiteLLM.
 */
export const TTFT_SHARED_BOUNDS: readonly number[] = TTFT_BUCKET_BOUNDS.filter((bound) =>
  ttftHistograms.filter((metric) => metric.vocabulary !== "performance").every((metric) => metric.buckets?.includes(bound)),
);
