/** Prometheus rule files as typed values. */

export type Severity = "critical" | "warning" | "info";

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  /** CamelCase. */
  alert: string;
  expr: string;
  /** Every alert waits before firing. */
  for: string;
  labels: { severity: Severity } & Record<string, string>;
  annotations: {
    summary: string;
    /** Prints the value, e.g. {{ $value | humanizePercentage }}. */
    description: string;
    runbook_url: string;
  } & Record<string, string>;
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: (RecordingRule | AlertingRule)[];
}

export function isAlertingRule(rule: RecordingRule | AlertingRule): rule is AlertingRule {
  return "alert" in rule;
}
