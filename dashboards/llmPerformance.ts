import type { Dashboard } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../config/schema.ts";
import { DURATION_LABELS, HISTOGRAM_LABELS, RATE_WINDOW, SERIES } from "../metrics/canonical.ts";
import { firstTokensWithin } from "../rules/recording/rollups.ts";
import { filtered } from "./common/filters.ts";
import { EXEMPLAR_POINTS, exemplarQuery, instantQuery, rangeQuery } from "./common/queries.ts";
import { latencyHistogramNames } from "../metrics/catalog/latencyHistograms.ts";
import { overRange, perSecond } from "./common/canonicalQueries.ts";
import { labelVariable } from "./common/variables.ts";
import { serviceVariable } from "./common/serviceVariable.ts";
import { higherIsWorse, lowerIsWorse, steps } from "./common/thresholds.ts";
import { UNITS } from "./common/units.ts";
import { jaegerTracesLink } from "./common/links.ts";
import { stat, timeSeries, type Panel } from "./common/panels.ts";
import { buildDashboard } from "./common/dashboard.ts";
import { errorRatePanel } from "./common/errorRatePanel.ts";
import { explained, type ReadingPanel } from "./common/gapNotes.ts";

export const LLM_PERFORMANCE_UID = "llmobs-llm-performance";

/**
 * LLM Performance (seed 000): token generation speed, time to first token, latency, tokens and errors,
 * per model. Reads the canonical series, so every emitter that reports these fills it. The only filter is
 * the model, which every emitter names.
 */
export function llmPerformancePanels(config: StackConfig): ReadingPanel<Panel>[] {
  const t = config.thresholds;
  const objective = config.slo.ttftSeconds;
  const byModel = ["job", "model"] as const;
  const requests = filtered(SERIES.requests, byModel);
  const errors = filtered(SERIES.errors, byModel);
  const speed = filtered(SERIES.tokenSpeed, byModel);
  const tokens = filtered(SERIES.tokens, byModel);
  const ttft = filtered(SERIES.ttftBuckets, byModel);
  // Latency is kept per model and provider, not per service: with services chosen, the models they call.
  const duration = filtered(SERIES.durationBuckets, ["model"]);
  const calledModels = ` and on (${DURATION_LABELS.join(", ")}) group by (${DURATION_LABELS.join(", ")}) (${requests})`;
  const quantile = (q: number, buckets: string, within = "") => `histogram_quantile(${q}, sum by (le) (${overRange(buckets, RATE_WINDOW)}${within}))`;
  const quantiles = (buckets: string, within = "") =>
    [0.5, 0.95, 0.99].map((q, i) => rangeQuery(String.fromCharCode(65 + i), quantile(q, buckets, within), `p${Math.round(q * 100)}`));
  const tokenRateThresholds = lowerIsWorse(t.criticalTokenRate, t.slowTokenRate);
  const durationThresholds = higherIsWorse(t.slowRequestSeconds, t.criticalRequestSeconds);
  const firstTokens = `sum by (${HISTOGRAM_LABELS.join(", ")}) (${overRange(ttft.replace(/\}$/, ', le="+Inf"}'), "$__range")})`;
  const buckets = `sum by (${HISTOGRAM_LABELS.join(", ")}, le) (${overRange(ttft, "$__range")})`;
  const withinObjective = `sum(${firstTokensWithin(buckets, firstTokens, objective, HISTOGRAM_LABELS)}) / sum(${firstTokens})`;

  return [
    {
      reads: ["requests"],
      panel: stat(explained({ title: "Requests", description: "LLM calls in the selected time range.", unit: UNITS.count, decimals: 0, width: 5, height: 4 }, ["requests"]), instantQuery("A", `sum(${overRange(requests, "$__range")})`)),
    },
    {
      reads: ["tokenSpeed"],
      panel: stat(
        explained(
          {
            title: "Token Generation Rate (now)",
            description: `Mean output tokens per second over the last ${RATE_WINDOW}: red below ${t.criticalTokenRate}, yellow below ${t.slowTokenRate}.`,
            unit: UNITS.tokensPerSecond,
            decimals: 1,
            width: 5,
            height: 4,
            thresholds: tokenRateThresholds,
          },
          ["tokenSpeed"],
        ),
        instantQuery("A", `avg(${speed})`),
      ),
    },
    {
      reads: ["ttft"],
      panel: stat(
        explained(
          { title: "Time to First Token p95 (now)", description: `95th percentile of the time to the first token over the last ${RATE_WINDOW}.`, unit: UNITS.seconds, decimals: 2, width: 5, height: 4 },
          ["ttft"],
        ),
        instantQuery("A", quantile(0.95, ttft)),
      ),
    },
    {
      reads: ["ttft"],
      panel: stat(
        explained(
          {
            title: `First Tokens Within ${objective}s`,
            description:
              `Share of first tokens that came within ${objective}s (slo.ttftSeconds) in the selected time range, against the ${config.slo.ttftPercent}% objective. ` +
              `Counted from each histogram's buckets; where ${objective}s is no bucket bound, interpolated inside the bucket that holds it, a rough estimate for wide buckets ` +
              "(the OpenTelemetry SDKs' defaults have none between 0 and 5 s): the info alert LLMTimeToFirstTokenObjectiveInterpolated names those histograms.",
            unit: UNITS.percent,
            decimals: 1,
            width: 5,
            height: 4,
            thresholds: steps("red", { value: config.slo.ttftPercent / 100, color: "green" }),
          },
          ["ttft"],
        ),
        instantQuery("A", withinObjective),
      ),
    },
    {
      reads: ["errors"],
      panel: stat(
        explained(
          {
            title: "Errors",
            description: "Failed LLM calls in the selected time range, of the services that report failures.",
            unit: UNITS.count,
            decimals: 0,
            width: 4,
            height: 4,
            thresholds: higherIsWorse(1, 1e12),
          },
          ["errors"],
        ),
        instantQuery("A", `sum(${overRange(errors, "$__range")})`),
      ),
    },
    {
      reads: ["tokenSpeed"],
      panel: timeSeries(
        explained(
          {
            title: "Token Generation Rate",
            description: `Mean output tokens per second of a response, per model. Dashed: slow (${t.slowTokenRate} tokens/s) and critical (${t.criticalTokenRate} tokens/s).`,
            unit: UNITS.tokensPerSecond,
            min: 0,
            width: 12,
            height: 8,
            thresholds: tokenRateThresholds,
          },
          ["tokenSpeed"],
        ),
        [rangeQuery("A", `avg by (model) (${speed})`, "{{model}}")],
        { thresholdLines: true },
      ),
    },
    {
      reads: ["ttft"],
      panel: timeSeries(
        explained(
          {
            title: "Time to First Token",
            description: `Time from sending a request to receiving the first token, over ${RATE_WINDOW}: median, p95, p99. The panel link opens the traces in Jaeger; ${EXEMPLAR_POINTS}`,
            unit: UNITS.seconds,
            min: 0,
            width: 12,
            height: 8,
            links: [jaegerTracesLink()],
          },
          ["ttft"],
        ),
        [...quantiles(ttft), exemplarQuery("D", latencyHistogramNames("ttft"), 'job=~"$job"')],
      ),
    },
    {
      reads: ["duration"],
      panel: timeSeries(
        explained(
          {
            title: "Request Duration",
            description:
              `End-to-end duration of LLM calls over ${RATE_WINDOW}: median, p95, p99. Dashed: slow (${t.slowRequestSeconds}s) and critical (${t.criticalRequestSeconds}s). ` +
              `The panel link opens the traces in Jaeger; ${EXEMPLAR_POINTS}`,
            unit: UNITS.seconds,
            min: 0,
            width: 12,
            height: 8,
            thresholds: durationThresholds,
            links: [jaegerTracesLink()],
          },
          ["duration"],
        ),
        [...quantiles(duration, calledModels), exemplarQuery("D", latencyHistogramNames("duration"), 'job=~"$job"')],
        { thresholdLines: true },
      ),
    },
    {
      reads: ["tokens"],
      panel: timeSeries(
        explained(
          { title: "Input / Output Tokens", description: "Tokens per second sent to (input) and generated by (output) the models.", unit: UNITS.tokensPerSecond, min: 0, width: 12, height: 8 },
          ["tokens"],
        ),
        [rangeQuery("A", perSecond(tokens, ["direction"]), "{{direction}}")],
      ),
    },
    {
      reads: ["errors"],
      panel: timeSeries(
        explained({ title: "Error Count", description: "Failed LLM calls per second, per model.", unit: UNITS.errorsPerSecond, min: 0, width: 12, height: 8 }, ["errors"]),
        [rangeQuery("A", perSecond(errors, ["model"]), "{{model}}")],
      ),
    },
    errorRatePanel("Error Rate", "model", errors, requests, config),
  ];
}

export function llmPerformanceDashboard(config: StackConfig): Dashboard {
  return buildDashboard({
    uid: LLM_PERFORMANCE_UID,
    title: "LLM Performance",
    description: "Token generation speed, time to first token, latency, tokens and errors per model.",
    from: "now-1h",
    variables: [serviceVariable(config), labelVariable("model", "Model", SERIES.requests, 'job=~"$job"')],
    annotations: [],
    panels: llmPerformancePanels(config).map(({ panel }) => panel),
  });
}
