import { generatedYaml } from "../../stacks/files/yaml.ts";
import type { RuleFileTests } from "./model.ts";

/**
 * A promtool test file for one rule file. `ruleFilePaths` are every rule file Prometheus loads, so
 * alerts that read recorded series are tested against the real recording rules.
 */
export function renderPromtoolTests(tests: RuleFileTests, ruleFilePaths: string[], evaluationInterval = "1m"): string {
  return generatedYaml("alerts/cases/", {
    rule_files: ruleFilePaths,
    evaluation_interval: evaluationInterval,
    tests: tests.scenarios.map((scenario) => ({
      name: `${scenario.alert} ${scenario.kind}: ${scenario.name}`,
      interval: scenario.interval ?? "1m",
      input_series: scenario.series,
      alert_rule_test: [
        {
          eval_time: scenario.at,
          alertname: scenario.alert,
          exp_alerts: (scenario.kind === "fires" ? (scenario.alerts ?? []) : []).map((alert) => ({
            exp_labels: alert.labels,
            exp_annotations: alert.annotations,
          })),
        },
      ],
    })),
  });
}
