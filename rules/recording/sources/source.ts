import type { RecordingRule } from "../../model.ts";
import type { Vocabulary } from "../../../metrics/catalog/types.ts";
import { CACHE_LABELS, CANONICAL_LABELS, HISTOGRAM_LABELS, RATE_WINDOW, SERIES } from "../../../metrics/canonical.ts";
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
export function bucketIncrease(ctx: SourceContext, histogram: string, matchers = ""): string {
  return sumBy([...HISTOGRAM_LABELS, "le"], normalizedLe(ctx.toCanonical(increments(`${histogram}_bucket${matchers}`, ctx.timing))));
}

/** Each form of a histogram's buckets, the first form present read. */
export function bucketForms(ctx: SourceContext, names: readonly string[], matchers = ""): string {
  return preferFirst(names.map((name) => bucketIncrease(ctx, name, matchers)));
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
