/** Small PromQL builders the recording rules, alerts and dashboards share. */

/** `sum by (labels) (expr)` */
export function sumBy(labels: readonly string[], expr: string): string {
  return `sum by (${labels.join(", ")}) (${expr})`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}

export function labelReplace(expr: string, target: string, replacement: string, source: string, regex: string): string {
  return `label_replace(${expr}, ${quote(target)}, ${quote(replacement)}, ${quote(source)}, ${quote(regex)})`;
}

/** Sets `target` to a fixed value on every series. */
export function setLabel(expr: string, target: string, value: string): string {
  return labelReplace(expr, target, value, "", "");
}

/** Sets `target` to `source`'s value where `source` is not empty (a later copy wins over an earlier one). */
export function copyLabel(expr: string, target: string, source: string): string {
  return labelReplace(expr, target, "$1", source, "(.+)");
}

/** `target` = the sources' values joined with `separator`. */
export function joinLabels(expr: string, target: string, separator: string, ...sources: string[]): string {
  return `label_join(${expr}, ${quote(target)}, ${quote(separator)}, ${sources.map(quote).join(", ")})`;
}

/**
 * Bucket bounds as one spelling: exporters write le="1", Prometheus 3 stores a scraped "1" as "1.0", OTLP
 * writes its own; "1.0" becomes "1", so buckets of one bound add up.
 */
export function normalizedLe(expr: string): string {
  return labelReplace(expr, "le", "$1", "le", "(.+)\\.0");
}

/** The first expression's series, then each next one's for label sets not yet there: one form read once. */
export function preferFirst(exprs: readonly string[]): string {
  return exprs.length === 1 ? exprs[0]! : exprs.map((expr) => `(${expr})`).join(" or ");
}

/** a / b, without the NaN and +Inf samples a zero denominator would give. */
export function ratio(numerator: string, denominator: string): string {
  return `${numerator} / (${denominator} > 0)`;
}

/** The sum of a recorded increase over a window: the counters' total increase in it. */
export function totalOver(increase: string, window: string): string {
  return `sum_over_time(${increase}[${window}])`;
}

/**
 * A matcher on `label` for exactly these values: `label="a"` for one, `label=~"a|b"` for several (regex
 * metacharacters escaped, since job names may hold dots), `negate` for every other value.
 */
export function oneOf(label: string, values: readonly string[], negate = false): string {
  if (values.length === 1) return `${label}${negate ? "!=" : "="}${JSON.stringify(values[0])}`;
  const alternatives = values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return `${label}${negate ? "!~" : "=~"}${JSON.stringify(alternatives)}`;
}
