import type { StackConfig } from "../../config/schema.ts";
import { ruleFileGroups } from "../../rules/ruleFiles.ts";
import { generatedYaml } from "../generatedYaml.ts";

export interface RuleFile {
  /** File name under rules/, e.g. "llm-recording.yml". */
  name: string;
  content: string;
}

/** The rule files Prometheus loads, as YAML: every group of rules/, one file per group family. */
export function renderRuleFiles(config: StackConfig): RuleFile[] {
  return ruleFileGroups(config).map(({ name, groups }) => ({
    name,
    content: generatedYaml("alerts/", { groups }),
  }));
}
