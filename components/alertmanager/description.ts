import type { DescribeContext } from "../context.ts";
import type { ComponentDescription, Resources } from "../types.ts";
import { describeComponent } from "../describeComponent.ts";
import { webExternalUrlArgs } from "../webExternalUrl.ts";
import { renderAlertmanagerYml } from "./alertmanagerYml.ts";
import { alertmanagerCluster } from "./cluster.ts";

export const ALERTMANAGER_PORT = 9093;
export const ALERTMANAGER_WEBHOOK_URL_FILE = "/etc/alertmanager/secrets/webhook-url";
const DATA_DIR = "/alertmanager";
export const ALERTMANAGER_RESOURCES: Resources = { cpuRequest: "50m", cpuLimit: "500m", memoryRequest: "64Mi", memoryLimit: "256Mi" };

/**
 * Alertmanager routes Prometheus' alerts; its silences and notification log live on its volume. Replicas
 * (cluster target only) gossip as one cluster, so an alert sent to each is notified once.
 */
export function describeAlertmanager(ctx: DescribeContext, options: { webhookConfigured: boolean }): ComponentDescription {
  const { config } = ctx;
  const webhookUrlFile = options.webhookConfigured ? ctx.secretPath("alertmanager-webhook-url", ALERTMANAGER_WEBHOOK_URL_FILE) : undefined;
  const { replicas } = config.alertmanager;
  const cluster = alertmanagerCluster(ctx, replicas);
  return describeComponent(ctx, "alertmanager", {
    args: [
      "--config.file=/etc/alertmanager/alertmanager.yml",
      `--storage.path=${DATA_DIR}`,
      `--web.listen-address=:${ALERTMANAGER_PORT}`,
      ...cluster.args,
      // Behind an Ingress, the address of the links in its notifications.
      ...webExternalUrlArgs(config, "alertmanager"),
    ],
    ports: [
      {
        name: "http",
        containerPort: ALERTMANAGER_PORT,
        hostPortKey: "alertmanager",
        purpose: "Alertmanager UI and API",
        url: { scheme: "http", path: "" },
      },
    ],
    ui: "http",
    replicas,
    peerPorts: cluster.peerPorts,
    replicaEnv: cluster.replicaEnv,
    data: { mountPath: DATA_DIR, size: "1Gi" },
    configFiles: [
      {
        path: "alertmanager.yml",
        mountPath: "/etc/alertmanager/alertmanager.yml",
        content: renderAlertmanagerYml(config, webhookUrlFile ? { webhookUrlFile } : {}),
      },
    ],
    secretFiles: options.webhookConfigured ? [{ secret: "alertmanager-webhook-url", mountPath: ALERTMANAGER_WEBHOOK_URL_FILE }] : [],
    healthCheck: { port: ALERTMANAGER_PORT, path: "/-/healthy", readyPath: "/-/ready", startSeconds: 30 },
    resources: ALERTMANAGER_RESOURCES,
    metrics: { port: ALERTMANAGER_PORT, path: "/metrics" },
    // Sends notifications to the configured webhook, outside the stack: it talks to no other component.
  });
}
