import type { StackConfig } from "../../config/schema.ts";
import { generatedYaml } from "../generatedYaml.ts";

export interface AlertmanagerYmlInput {
  /** Where the notification URL secret is mounted, when the stack sets one. */
  webhookUrlFile?: string;
}

/**
 * alertmanager.yml: a route tree by severity, a default receiver that notifies nobody, a notifying
 * receiver once a webhook URL (a secret, read from a file) is set, and warnings inhibited while their
 * critical twin fires.
 */
export function renderAlertmanagerYml(config: StackConfig, input: AlertmanagerYmlInput): string {
  const alerting = config.alerting;
  const notify = input.webhookUrlFile ? "notify" : "default";
  const receivers: unknown[] = [{ name: "default" }];
  if (input.webhookUrlFile) {
    receivers.push(
      alerting.receiver === "slack"
        ? {
            name: "notify",
            slack_configs: [
              {
                api_url_file: input.webhookUrlFile,
                channel: alerting.slackChannel,
                send_resolved: true,
                title: '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}',
                text: "{{ range .Alerts }}*{{ .Labels.severity }}* {{ .Annotations.summary }}\n{{ .Annotations.description }}\n<{{ .Annotations.runbook_url }}|runbook>\n{{ end }}",
              },
            ],
          }
        : {
            name: "notify",
            webhook_configs: [{ url_file: input.webhookUrlFile, send_resolved: true }],
          },
    );
  }
  const document = {
    route: {
      receiver: "default",
      group_by: ["alertname", "job", "severity"],
      group_wait: alerting.groupWait,
      group_interval: alerting.groupInterval,
      repeat_interval: alerting.repeatInterval,
      routes: [
        { receiver: notify, matchers: ['severity="critical"'], repeat_interval: alerting.criticalRepeatInterval },
        { receiver: notify, matchers: ['severity="warning"'] },
        // info alerts are for dashboards and the Alertmanager UI; nobody is notified.
        { receiver: "default", matchers: ['severity="info"'] },
      ],
    },
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ["alertname", "job", "instance", "model", "provider", "agent_id"],
      },
    ],
    receivers,
  };
  return generatedYaml("stacks/files/alertmanagerYml.ts", document);
}
