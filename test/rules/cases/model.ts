import type { Severity } from "../../../rules/model.ts";

/**
 * promtool unit tests for alerts, as typed values. Each scenario feeds its own series and checks one
 * alert at one time; `npm test` runs every scenario with `promtool test rules`, and checks that every alert
 * has a scenario where it fires, one where it stays silent, and one where it resolves.
 */
export interface Series {
  /** A series selector in promtool's notation: metric{label="value"}. */
  series: string;
  /** promtool's expanding notation: "1 1 0x10", "0+10x30". */
  values: string;
}

export interface ExpectedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface AlertScenario {
  alert: string;
  /**
   * The severities this scenario proves. Twins share a name; a scenario where the critical one stays
   * silent may still expect the warning one, with its exact annotations.
   */
  severities: Severity[];
  kind: "fires" | "silent" | "resolves";
  /** What the scenario shows, e.g. "down for 5 minutes". */
  name: string;
  /** Sampling interval of the input series. */
  interval?: string;
  series: Series[];
  /** Evaluation time, as a duration from the start. */
  at: string;
  /** Every alert of this name expected at `at` (none when omitted). */
  alerts?: ExpectedAlert[];
}

export interface RuleFileTests {
  /** The rule file these scenarios test (a file under rules/). */
  ruleFile: string;
  /** The interval the rules are rendered for and evaluated at, where not the tests' default. */
  evaluationInterval?: string;
  scenarios: AlertScenario[];
}
