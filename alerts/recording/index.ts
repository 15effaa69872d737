import type { RuleGroup } from "../model.ts";
import { usageRecordingRules } from "./usage.ts";
import { performanceRecordingRules } from "./performance.ts";
import { genAiRecordingRules } from "./genai.ts";

/** Every vocabulary's mapping onto the canonical series, one group each. */
export function recordingRuleGroups(): RuleGroup[] {
  return [usageRecordingRules(), performanceRecordingRules(), genAiRecordingRules()];
}
