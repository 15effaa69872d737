import { ThresholdsConfigBuilder, ThresholdsMode } from "@grafana/grafana-foundation-sdk/dashboard";

type Step = { value: number; color: string };

/**
 * Threshold steps from a base color; each step applies from its value upwards. Grafana's first step has
 * no value (it covers everything below the next).
 */
export function steps(base: string, ...rest: Step[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null as unknown as number, color: base }, ...rest]);
}

/** Higher is worse: green, then yellow from `warning`, red from `critical`. */
export function higherIsWorse(warning: number, critical: number): ThresholdsConfigBuilder {
  return steps("green", { value: warning, color: "yellow" }, { value: critical, color: "red" });
}

/**
 * A share of a resource in use (0 to 1) whose alert fires above `alertPercent`: yellow from the alert's
 * threshold, red at all of it (the resource spent). The host panels draw their alerts with it.
 */
export function shareAlertThresholds(alertPercent: number): ThresholdsConfigBuilder {
  return higherIsWorse(alertPercent / 100, 1);
}

/** Lower is worse: red below `critical`, yellow below `warning`, green above. */
export function lowerIsWorse(critical: number, warning: number): ThresholdsConfigBuilder {
  return steps("red", { value: critical, color: "yellow" }, { value: warning, color: "green" });
}
