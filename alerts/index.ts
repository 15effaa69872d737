import type { StackConfig } from "../stacks/config/schema.ts";
import type { RuleFile } from "../stacks/components/prometheus.ts";
import { generatedYaml } from "../stacks/files/yaml.ts";
import type { RuleGroup } from "./model.ts";
import { stackHealthRules } from "./stackHealth.ts";
import { recordingRuleGroups } from "./recording/index.ts";

/** Every rule file Prometheus loads, one per group family. */
export function ruleFileGroups(config: StackConfig): { name: string; groups: RuleGroup[] }[] {
  return [
    { name: "llm-recording.yml", groups: recordingRuleGroups() },
    { name: "stack-health.yml", groups: [stackHealthRules(config)] },
  ];
}

export function renderRuleFiles(config: StackConfig): RuleFile[] {
  return ruleFileGroups(config).map(({ name, groups }) => ({
    name,
    content: generatedYaml("alerts/", { groups }),
  }));
}
