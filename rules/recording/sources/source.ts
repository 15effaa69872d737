import type { RecordingRule } from "../../model.ts";
import type { Vocabulary } from "../../../metrics/catalog/types.ts";
import { CACHE_LABELS, CANONICAL_LABELS, DURATION_LABELS, HISTOGRAM_LABELS, RATE_WINDOW, SERIES } from "../../../metrics/canonical.ts";
import { increments, type IncrementsTiming } from "../increments.ts";
import { normalizedLe, preferFirst, ratio, sumBy } from "../../../metrics/promql.ts";

/** What a vocabulary's rules are built with: its label mapping onto the canonical labels, and the group's interval. */
export interface SourceContext {
  vocabulary: Vocabulary;
  /** How increments are taken: over the group's evaluation interval. */
  timing: IncrementsTiming;
  /** Renames and sets labels so the series carry the canonical ones (model, provider, agent_id, job). */
  toCanonical(expr: string): string;
}

/** The canonical series a vocabulary feeds, each an expression over its raw metrics. */
export type SourceExprs = Partial<Record<keyof typeof SERIES, string>>;

export function sourceContext(vocabulary: Vocabulary, timing: IncrementsTiming, toCanonical: (expr: string) => string): SourceContext {
  return { vocabulary, timing, toCanonical };
}

/** A counter's increments since the previous evaluation, mapped, summed by the canonical labels (and `extra`). */
export function counterIncrease(ctx: SourceContext, selector: string, ...extra: string[]): string {
  return sumBy([...CANONICAL_LABELS, ...extra], ctx.toCanonical(increments(selector, ctx.timing)));
}

/** The increase of each of a histogram's buckets, by service, model and provider. */
function bucketIncrease(ctx: SourceContext, histogram: string, matchers: string): string {
  return sumBy([...HISTOGRAM_LABELS, "le"], normalizedLe(ctx.toCanonical(increments(`${histogram}_bucket${matchers}`, ctx.timing))));
}

/**
 * The increase of a histogram's buckets, each service's first form present read (a service exporting two
 * forms is counted once), then summed by `labels` and le.
 */
function bucketForms(ctx: SourceContext, names: readonly string[], matchers: string, labels: readonly string[]): string {
  const perService = preferFirst(names.map((name) => bucketIncrease(ctx, name, matchers)));
  return labels.length === HISTOGRAM_LABELS.length ? perService : sumBy([...labels, "le"], perService);
}

/** The end-to-end latency histogram's buckets (SERIES.durationBuckets), from a histogram's forms. */
export function durationBuckets(ctx: SourceContext, names: readonly string[], matchers = ""): string {
  return bucketForms(ctx, names, matchers, DURATION_LABELS);
}

/** The time-to-first-token histogram's buckets (SERIES.ttftBuckets), from a histogram's forms. */
export function ttftBuckets(ctx: SourceContext, names: readonly string[], matchers = ""): string {
  return bucketForms(ctx, names, matchers, HISTOGRAM_LABELS);
}

/** A counter read by service and agent (the cache series' granularity). */
export function agentIncrease(ctx: SourceContext, selector: string): string {
  return sumBy(CACHE_LABELS, ctx.toCanonical(increments(selector, ctx.timing)));
}

/** A gauge summed by service and agent. */
export function agentGauge(ctx: SourceContext, selector: string): string {
  return sumBy(CACHE_LABELS, ctx.toCanonical(selector));
}

/** `numerator / denominator` of two of a histogram's series over the rate window, by service, model and provider. */
export function histogramRatio(ctx: SourceContext, names: readonly string[], numerator: "_sum" | "_count", denominator: "_sum" | "_count"): string {
  const rate = (series: string) => sumBy(HISTOGRAM_LABELS, ctx.toCanonical(`rate(${series}[${RATE_WINDOW}])`));
  return preferFirst(names.map((name) => ratio(rate(`${name}${numerator}`), rate(`${name}${denominator}`))));
}

/** A failure counter, or 0 for every group with calls: the emitter records failures, so none is a real 0. */
export function errorsOrZero(errors: string, requests: string): string {
  return `${errors} or 0 * ${requests}`;
}

/** One recording rule per canonical series the vocabulary feeds, labelled with the vocabulary. */
export function sourceRules(ctx: SourceContext, exprs: SourceExprs): RecordingRule[] {
  return (Object.keys(SERIES) as (keyof typeof SERIES)[])
    .filter((key) => exprs[key] !== undefined)
    .map((key) => ({ record: SERIES[key], expr: exprs[key]!, labels: { vocabulary: ctx.vocabulary } }));
}
