import type { StackConfig } from "../../config/schema.ts";
import type { RuleGroup } from "../model.ts";
import { usageRecordingRules } from "./usage.ts";
import { performanceRecordingRules } from "./performance.ts";
import { genAiRecordingRules } from "./genai.ts";

/**
 * Every vocabulary's mapping onto the canonical series, one group each. The interval is explicit: totals
 * over a window are computed as the sum of the recorded rates times this interval.
 */
export function recordingRuleGroups(config: StackConfig): RuleGroup[] {
  const interval = config.prometheus.evaluationInterval;
  return [usageRecordingRules(), performanceRecordingRules(), genAiRecordingRules()].map((group) => ({ name: group.name, interval, rules: group.rules }));
}
