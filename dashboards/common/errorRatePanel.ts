import type { StackConfig } from "../../config/schema.ts";
import { rangeQuery } from "./queries.ts";
import { higherIsWorse } from "./thresholds.ts";
import { UNITS } from "./units.ts";
import { timeSeries } from "./panels.ts";

/**
 * Failed calls as a share of all calls, one line per value of `by`, with the warning and critical error
 * rates dashed. A group with calls but no errors shows 0 rather than no line.
 */
export function errorRatePanel(title: string, by: string, errors: string, requests: string, config: StackConfig) {
  const t = config.thresholds;
  return timeSeries(
    {
      title,
      description: `Failed calls as a share of all calls, per ${by} (0 when there were no errors). Dashed: ${t.errorRatePercent}% and ${t.criticalErrorRatePercent}% (critical).`,
      unit: UNITS.percent,
      min: 0,
      width: 12,
      height: 8,
      thresholds: higherIsWorse(t.errorRatePercent / 100, t.criticalErrorRatePercent / 100),
    },
    [rangeQuery("A", `(sum by (${by}) (${errors}) or 0 * sum by (${by}) (${requests})) / sum by (${by}) (${requests})`, `{{${by}}}`)],
    { thresholdLines: true },
  );
}
