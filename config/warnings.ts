import { CONFIG_NAMESPACE, type StackConfig } from "./schema.ts";
import type { ConfigProblem } from "./problems.ts";
import { durationSeconds, formatDuration } from "./durations.ts";
import { scrapesPerRateWindow } from "./scrapeChecks.ts";
import type { StackFacts } from "./stackFacts.ts";
import { externalStoreWarnings } from "./externalStoreWarnings.ts";

/** A value that is allowed but probably not what was meant: the key, the value, and why. */
export type ConfigWarning = ConfigProblem;

const key = (path: string) => `${CONFIG_NAMESPACE}:${path}`;

function prometheusWarnings(config: StackConfig, facts: StackFacts): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const { scrapeInterval, evaluationInterval } = config.prometheus;
  if (durationSeconds(evaluationInterval) > durationSeconds(scrapeInterval)) {
    warnings.push({
      key: key("prometheus.evaluationInterval"),
      value: evaluationInterval,
      message:
        `${evaluationInterval} is longer than prometheus.scrapeInterval (${scrapeInterval}): rules see only every few samples, ` +
        "the recorded series are coarser than the data, and alerts fire and resolve that much later",
    });
  }
  const fit = scrapesPerRateWindow(config, facts);
  if (fit && fit.scrapes >= 2 && fit.scrapes < 4) {
    warnings.push({
      key: key("prometheus.scrapeInterval"),
      value: scrapeInterval,
      message:
        `${scrapeInterval} leaves fewer than four samples in the rules' ${fit.window} rate windows: one failed or late scrape ` +
        `empties a rate, so panels show gaps and alerts can resolve and fire again; ` +
        `${formatDuration(durationSeconds(fit.window) / 4)} or less keeps four`,
    });
  }
  return warnings;
}

/** A target listed twice, in one job or in two (two jobs would count the one service twice). */
function duplicateTargetWarnings(config: StackConfig): ConfigWarning[] {
  const seen = new Map<string, string>();
  return config.llmService.flatMap((job, j) =>
    job.targets.flatMap((target, i) => {
      const normal = `${job.scheme}://${target.toLowerCase()}${job.metricsPath}`;
      const here = `llmService[${j}].targets[${i}]`;
      const first = seen.get(normal);
      if (first === undefined) {
        seen.set(normal, here);
        return [];
      }
      const sameJob = first.startsWith(`llmService[${j}].`);
      return [
        {
          key: key(here),
          value: target,
          message: sameJob
            ? `${target} is already ${first}; Prometheus scrapes it once, so the entry changes nothing: remove it`
            : `${target} is already ${first}, another job: Prometheus scrapes it twice, and every total across services counts its calls twice: remove one`,
        },
      ];
    }),
  );
}

function alertingWarnings(config: StackConfig): ConfigWarning[] {
  const { groupWait, groupInterval, repeatInterval, criticalRepeatInterval } = config.alerting;
  const warnings: ConfigWarning[] = [];
  if (durationSeconds(groupWait) > durationSeconds(groupInterval)) {
    warnings.push({
      key: key("alerting.groupWait"),
      value: groupWait,
      message:
        `${groupWait} is longer than alerting.groupInterval (${groupInterval}): the first notification of a new group waits longer ` +
        "than any later update does, so a new problem is reported last",
    });
  }
  for (const [name, value] of [
    ["repeatInterval", repeatInterval],
    ["criticalRepeatInterval", criticalRepeatInterval],
  ] as const) {
    if (durationSeconds(value) < durationSeconds(groupInterval)) {
      warnings.push({
        key: key(`alerting.${name}`),
        value,
        message:
          `${value} is shorter than alerting.groupInterval (${groupInterval}): Alertmanager sends a group at most once per group ` +
          `interval, so a still-firing alert repeats every ${groupInterval}, not every ${value}`,
      });
    }
  }
  return warnings;
}

/** Each host alert fires above its share of a resource in use, and no share is above 100%. */
const HOST_ALERTS = [
  { threshold: "hostMemoryPercent", alert: "HostMemoryHigh", use: "memory use" },
  { threshold: "hostFilesystemPercent", alert: "HostFilesystemAlmostFull", use: "a file system's use" },
  { threshold: "hostFileDescriptorPercent", alert: "HostFileDescriptorsHigh", use: "file-descriptor use" },
] as const;

function hostThresholdWarnings(config: StackConfig): ConfigWarning[] {
  return HOST_ALERTS.filter(({ threshold }) => config.thresholds[threshold] >= 100).map(({ threshold, alert, use }) => {
    const value = config.thresholds[threshold];
    return {
      key: key(`thresholds.${threshold}`),
      value,
      message: `${value}: ${alert} fires when ${use} is above this, which it can never be, so the alert is off; use a value below 100`,
    };
  });
}

/**
 * A time-to-first-token bound between bucket bounds is counted by interpolation inside the bucket (see
 * rules/recording/rollups.ts); a bound no emitter's histogram has is interpolated for every one of them.
 */
function sloWarnings(config: StackConfig, facts: StackFacts): ConfigWarning[] {
  const { ttftSeconds } = config.slo;
  if (facts.ttftBucketBounds.includes(ttftSeconds)) return [];
  return [
    {
      key: key("slo.ttftSeconds"),
      value: ttftSeconds,
      message:
        `${ttftSeconds} s is no bucket bound of any emitter's time-to-first-token histogram: every service's share of first tokens within it ` +
        `is interpolated inside the bucket that holds it, not counted; bounds OpenLIT, vLLM and LiteLLM all have: ${facts.ttftSharedBounds.join(", ")}`,
    },
  ];
}

/**
 * Rendered Secrets carry their values in plain text, readable by whoever reads the directory or the git
 * repository it is committed to; asking for them without a directory changes nothing.
 */
function renderSecretsWarnings(config: StackConfig): ConfigWarning[] {
  const { directory, secrets } = config.kubernetes.render;
  if (secrets !== "plaintext") return [];
  return [
    {
      key: key("kubernetes.render.secrets"),
      value: secrets,
      message:
        directory === undefined
          ? "plaintext changes nothing without kubernetes.render.directory: only rendered manifests leave Secrets out"
          : `the Grafana admin password (and every other secret set: the Alertmanager webhook URL, the external stores' credentials) are written in plain text to ${directory}/1-manifest/v1-secret-*.yaml: ` +
            "never commit them; with omit, create the Secrets in the cluster instead (pulumi stack output secretCommands)",
    },
  ];
}

/**
 * Legal values that are probably mistakes, each naming its key. Nothing here stops a command: the
 * preflight (so `up` and the data commands too) and `npm run render` print them, the Pulumi program logs
 * them with pulumi.log.warn.
 */
export function configWarnings(config: StackConfig, facts: StackFacts): ConfigWarning[] {
  return [
    ...prometheusWarnings(config, facts),
    ...duplicateTargetWarnings(config),
    ...alertingWarnings(config),
    ...hostThresholdWarnings(config),
    ...renderSecretsWarnings(config),
    ...sloWarnings(config, facts),
    ...externalStoreWarnings(config),
  ];
}

export function formatWarning(warning: ConfigWarning): string {
  return `${warning.key}: ${warning.message}`;
}
