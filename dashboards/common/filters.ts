import type { FilterLabel } from "../../metrics/canonical.ts";

/**
 * A series selected by the dashboard's template variables: `series{agent_id=~"$agent_id", ...}`.
 * Variables are multi-value with All = ".*", which also matches series without the label.
 */
export function filtered(series: string, labels: readonly FilterLabel[]): string {
  if (labels.length === 0) return series;
  return `${series}{${labels.map((label) => `${label}=~"$${label}"`).join(", ")}}`;
}
