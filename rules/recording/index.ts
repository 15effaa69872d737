import type { StackConfig } from "../../config/schema.ts";
import type { RuleGroup } from "../model.ts";
import { usageRules } from "./sources/usage.ts";
import { performanceRules } from "./sources/performance.ts";
import { genAiRules } from "./sources/genai.ts";
import { vllmRules } from "./sources/vllm.ts";
import { liteLlmRules } from "./sources/litellm.ts";
import { proxyRules } from "./sources/proxy.ts";
import { serviceRollups } from "./rollups.ts";
import type { IncrementsTiming } from "./increments.ts";
import { durationSeconds } from "../../config/durations.ts";

export const CANONICAL_GROUP = "llm-canonical";

/**
 * Every vocabulary's mapping onto the canonical series, then the per-service rollups of those, in one
 * group: rules in a group run in order at one timestamp, so each rollup reads exactly the increments
 * recorded in the same evaluation. The interval is explicit: the increments are taken over it.
 */
export function recordingRuleGroups(config: StackConfig): RuleGroup[] {
  const interval = config.prometheus.evaluationInterval;
  // By then every service that pushes OTLP has pushed at least once since Prometheus started.
  const timing: IncrementsTiming = { interval, pushedTrustedAfterSeconds: 2 * durationSeconds(config.prometheus.otlpPushInterval) };
  return [
    {
      name: CANONICAL_GROUP,
      interval,
      rules: [
        ...usageRules(timing),
        ...performanceRules(timing),
        ...genAiRules(timing),
        ...vllmRules(timing),
        ...liteLlmRules(timing),
        // After every other vocabulary: a service also emitting one of them is read once (see proxy.ts).
        ...proxyRules(timing),
        ...serviceRollups(config.slo.ttftSeconds),
      ],
    },
  ];
}
