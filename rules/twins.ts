import type { AlertingRule } from "./model.ts";

type TwinSpec = Omit<AlertingRule, "expr" | "labels"> & { labels?: Record<string, string> };

/**
 * One alert at two severities: the same name, a warning threshold and a critical one. Alertmanager
 * inhibits the warning while its critical twin fires (same alert name and labels), so a person is told once.
 */
export function twinAlerts(spec: TwinSpec, warningExpr: string, criticalExpr: string): [AlertingRule, AlertingRule] {
  return [
    { ...spec, expr: warningExpr, labels: { ...spec.labels, severity: "warning" } },
    { ...spec, expr: criticalExpr, labels: { ...spec.labels, severity: "critical" } },
  ];
}
