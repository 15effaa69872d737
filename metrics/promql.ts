import { CANONICAL_LABELS } from "./canonical.ts";

/** `sum by (<canonical labels>, ...extra) (expr)` */
export function sumByCanonical(expr: string, ...extra: string[]): string {
  return `sum by (${[...CANONICAL_LABELS, ...extra].join(", ")}) (${expr})`;
}

function labelReplace(expr: string, target: string, replacement: string, source: string, regex: string): string {
  return `label_replace(${expr}, "${target}", "${replacement}", "${source}", "${regex}")`;
}

/**
 * Renames the OpenTelemetry GenAI labels to the canonical ones: gen_ai_request_model -> model, the provider
 * from gen_ai_provider_name (older emitters: gen_ai_system; the newer name wins when both are set), and
 * gen_ai_agent_name -> agent_id where an emitter sets it.
 */
export function fromGenAiLabels(expr: string): string {
  let mapped = labelReplace(expr, "model", "$1", "gen_ai_request_model", "(.+)");
  mapped = labelReplace(mapped, "provider", "$1", "gen_ai_system", "(.+)");
  mapped = labelReplace(mapped, "provider", "$1", "gen_ai_provider_name", "(.+)");
  return labelReplace(mapped, "agent_id", "$1", "gen_ai_agent_name", "(.+)");
}

/** Sets `target` to `value` on series whose `source` label matches `regex`. */
export function mapLabel(expr: string, target: string, value: string, source: string, regex: string): string {
  return labelReplace(expr, target, value, source, regex);
}

/** a / b, without the NaN and +Inf samples a zero denominator would record. */
export function ratio(numerator: string, denominator: string): string {
  return `${numerator} / (${denominator} > 0)`;
}

/**
 * The total over a window of a per-second series recorded every `evaluationSeconds`: each sample stands
 * for that many seconds, so their sum times the interval is the increase. Cheap on recorded series,
 * where `increase()` over the raw counters would read every raw sample, and right for series that
 * appeared part-way through the window (an average would not be).
 */
export function totalOver(rateExpr: string, window: string, evaluationSeconds: number): string {
  return `sum_over_time(${rateExpr}[${window}]) * ${evaluationSeconds}`;
}
