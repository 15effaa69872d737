import { generatedYaml } from "../../../components/generatedYaml.ts";
import type { RuleFileTests } from "./model.ts";

import type { RuleGroup } from "../../../rules/model.ts";

/**
 * A promtool test file for one rule file, loaded with the rule files it reads from (the recording rules),
 * so alerts are tested against the real recorded series. Recording groups are evaluated first at each
 * step (promtool would otherwise order groups by name), so an alert reads what was recorded at the same
 * timestamp, and the values the scenarios expect can be derived by hand.
 */
export function renderPromtoolTests(
  tests: RuleFileTests,
  ruleFiles: { name: string; groups: RuleGroup[] }[],
  evaluationInterval: string,
): string {
  const recordsFirst = (group: RuleGroup) => (group.rules.some((rule) => "alert" in rule) ? 1 : 0);
  const groups = ruleFiles.flatMap((file) => file.groups).sort((a, b) => recordsFirst(a) - recordsFirst(b));
  return generatedYaml("alerts/cases/", {
    rule_files: ruleFiles.map((file) => file.name),
    evaluation_interval: evaluationInterval,
    group_eval_order: groups.map((group) => group.name),
    tests: tests.scenarios.map((scenario) => ({
      name: `${scenario.alert} (${scenario.severities.join(", ")}) ${scenario.kind}: ${scenario.name}`,
      interval: scenario.interval ?? "1m",
      input_series: scenario.series,
      alert_rule_test: [
        {
          eval_time: scenario.at,
          alertname: scenario.alert,
          exp_alerts: (scenario.alerts ?? []).map((alert) => ({
            exp_labels: alert.labels,
            exp_annotations: alert.annotations,
          })),
        },
      ],
    })),
  });
}
