import { CATALOG } from "./catalog/metrics.ts";

/** Bucket bounds every catalogued time-to-first-token histogram has: the bounds a TTFT objective can be judged at. */
export const TTFT_BUCKET_BOUNDS: readonly number[] = (() => {
  const sets = CATALOG.filter((m) => /time_to_first_token/.test(m.name)).map((m) => m.buckets ?? []);
  return sets[0]!.filter((bound) => sets.every((set) => set.includes(bound)));
})();
