import type { Series } from "./model.ts";

/** A stretch of a scenario: `minutes` one-minute samples at a constant behaviour. */
export interface Segment {
  minutes: number;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(",");
}

/**
 * A counter increasing `perSecond` during each segment, one sample a minute, starting at 0, in promtool's
 * expanding notation ("0+6x9 60+12x4": each segment continues from where the last one ended).
 */
export function counter(metric: string, labels: Record<string, string>, segments: (Segment & { perSecond: number })[]): Series {
  let last: number | undefined;
  const parts: string[] = [];
  for (const { minutes, perSecond } of segments) {
    const step = perSecond * 60;
    const first = last === undefined ? 0 : last + step;
    parts.push(`${round(first)}+${round(step)}x${minutes - 1}`);
    last = first + step * (minutes - 1);
  }
  return { series: `${metric}{${labelText(labels)}}`, values: parts.join(" ") };
}

export interface Observations {
  /** Observations per second... */
  perSecond: number;
  /** ...all of this value. */
  value: number;
}

/**
 * A classic histogram whose observations in each segment take one or a few exact values. With all
 * observations in one bucket (lo, hi], histogram_quantile(q) is exactly lo + (hi - lo) * q, so expected
 * values can be written down.
 */
export function histogram(
  metric: string,
  labels: Record<string, string>,
  buckets: readonly number[],
  segments: (Segment & { observations: Observations[] })[],
): Series[] {
  const total = (segment: { observations: Observations[] }, of: (o: Observations) => number) =>
    segment.observations.reduce((sum, o) => sum + of(o), 0);
  const series: Series[] = [];
  for (const le of [...buckets.map(String), "+Inf"]) {
    const bound = le === "+Inf" ? Infinity : Number(le);
    series.push(
      counter(
        `${metric}_bucket`,
        { ...labels, le },
        segments.map((s) => ({ minutes: s.minutes, perSecond: total(s, (o) => (o.value <= bound ? o.perSecond : 0)) })),
      ),
    );
  }
  series.push(counter(`${metric}_sum`, labels, segments.map((s) => ({ minutes: s.minutes, perSecond: total(s, (o) => o.perSecond * o.value) }))));
  series.push(counter(`${metric}_count`, labels, segments.map((s) => ({ minutes: s.minutes, perSecond: total(s, (o) => o.perSecond) }))));
  return series;
}

/** `perSecond` observations of one value, for the common case. */
export function observed(perSecond: number, value: number): Observations[] {
  return [{ perSecond, value }];
}

// Counters grow by fractions of a call per minute; keep the notation free of float noise.
function round(value: number): number {
  return Number(value.toFixed(6));
}

/**
 * Seed 004's usage vocabulary for a service making 2 calls a second, `failingPerSecond` of them failing
 * with `errorType`: the success and error counts and the error counter, one segment at a time.
 */
export function usageCalls(labels: Record<string, string>, errorType: string, segments: [minutes: number, failingPerSecond: number][]): Series[] {
  return [
    counter("llm_requests_total", { ...labels, status: "success" }, segments.map(([minutes, e]) => ({ minutes, perSecond: 2 - e }))),
    counter("llm_requests_total", { ...labels, status: "error" }, segments.map(([minutes, e]) => ({ minutes, perSecond: e }))),
    counter("llm_errors_total", { ...labels, error_type: errorType }, segments.map(([minutes, e]) => ({ minutes, perSecond: e }))),
  ];
}
