import type { StackConfig } from "../../config/schema.ts";
import { RATE_WINDOW } from "../../metrics/canonical.ts";
import { rangeQuery } from "./queries.ts";
import { higherIsWorse } from "./thresholds.ts";
import { UNITS } from "./units.ts";
import { timeSeries } from "./panels.ts";
import { explained, type ReadingPanel } from "./gapNotes.ts";
import { errorShare } from "./canonicalQueries.ts";

/**
 * Failed calls as a share of all calls over the rate window, one line per value of `by`, with the warning
 * and critical error rates dashed. Only services whose emitter reports failures are counted.
 */
export function errorRatePanel(title: string, by: string, errors: string, requests: string, config: StackConfig): ReadingPanel<ReturnType<typeof timeSeries>> {
  const t = config.thresholds;
  const reads = by === "provider" ? (["requests", "errors", "provider"] as const) : (["requests", "errors"] as const);
  const named = (series: string) => series.replace(/\}$/, `, ${by}!=""}`);
  return {
    reads,
    panel: timeSeries(
      explained(
        {
          title,
          description:
            `Failed calls as a share of all calls over ${RATE_WINDOW}, per ${by}, of the services that report failures. ` +
            `Dashed: ${t.errorRatePercent}% and ${t.criticalErrorRatePercent}% (critical).`,
          unit: UNITS.percent,
          min: 0,
          width: 12,
          height: 8,
          thresholds: higherIsWorse(t.errorRatePercent / 100, t.criticalErrorRatePercent / 100),
        },
        reads,
      ),
      [rangeQuery("A", errorShare(named(errors), named(requests), [by], RATE_WINDOW), `{{${by}}}`)],
      { thresholdLines: true },
    ),
  };
}
