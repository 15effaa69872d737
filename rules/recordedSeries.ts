import type { StackConfig } from "../config/schema.ts";
import { isAlertingRule } from "./model.ts";
import { ruleFileGroups } from "./ruleFiles.ts";

/**
 * The name of every series the stack's recording rules record (`level:metric:operation`), sorted: the
 * canonical series and what the alerts and objectives read over long windows. A long-term store that keeps
 * these (and `up`, `ALERTS`) serves every dashboard and alert without the raw emitter series.
 */
export function recordedSeries(config: StackConfig): string[] {
  const names = ruleFileGroups(config).flatMap((file) => file.groups.flatMap((group) => group.rules.flatMap((rule) => (isAlertingRule(rule) ? [] : [rule.record]))));
  return [...new Set(names)].sort();
}
