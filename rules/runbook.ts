import type { StackConfig } from "../config/schema.ts";

/** The runbook entry for an alert: the README's "Runbook" section has one heading per alert. */
export function runbookUrl(config: StackConfig, alertName: string): string {
  return `${config.alerting.runbookBaseUrl}#${alertName.toLowerCase()}`;
}
