import type { StackConfig } from "../config/schema.ts";
import type { RuleGroup } from "./model.ts";
import { stackHealthRules } from "./stackHealth.ts";
import { recordingRuleGroups } from "./recording/index.ts";
import { llmAlertRules } from "./llmAlerts.ts";
import { budgetAlertRules } from "./budget.ts";
import { sloAlertRules, sloRecordingRules } from "./slo.ts";
import { proxyAlertRules } from "./proxyAlerts.ts";

/** Every rule file Prometheus loads, one per group family. */
export function ruleFileGroups(config: StackConfig): { name: string; groups: RuleGroup[] }[] {
  return [
    { name: "llm-recording.yml", groups: recordingRuleGroups(config) },
    { name: "llm-alerts.yml", groups: [llmAlertRules(config), budgetAlertRules(config)] },
    { name: "llm-slo.yml", groups: [sloRecordingRules(config), sloAlertRules(config)] },
    { name: "stack-health.yml", groups: [stackHealthRules(config)] },
    { name: "llm-proxy.yml", groups: [proxyAlertRules(config)] },
  ];
}
