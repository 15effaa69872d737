import type { DescribeContext } from "../context.ts";
import type { ComponentDescription, Resources } from "../types.ts";
import { PINNED_IMAGES } from "../images.ts";
import { ingressUrl } from "../../config/ingressUrl.ts";
import { renderAlertmanagerYml } from "./alertmanagerYml.ts";

export const ALERTMANAGER_PORT = 9093;
export const ALERTMANAGER_WEBHOOK_URL_FILE = "/etc/alertmanager/secrets/webhook-url";
const DATA_DIR = "/alertmanager";
export const ALERTMANAGER_RESOURCES: Resources = { cpuRequest: "50m", cpuLimit: "500m", memoryRequest: "64Mi", memoryLimit: "256Mi" };

/** Alertmanager routes Prometheus' alerts; its silences and notification log live on its volume. */
export function describeAlertmanager(ctx: DescribeContext, options: { webhookConfigured: boolean }): ComponentDescription {
  const { config } = ctx;
  const webhookUrlFile = options.webhookConfigured ? ctx.secretPath("alertmanager-webhook-url", ALERTMANAGER_WEBHOOK_URL_FILE) : undefined;
  const externalUrl = ingressUrl(config, "alertmanager");
  return {
    name: "alertmanager",
    title: "Alertmanager",
    image: config.images.alertmanager ?? PINNED_IMAGES.alertmanager,
    args: [
      "--config.file=/etc/alertmanager/alertmanager.yml",
      `--storage.path=${DATA_DIR}`,
      `--web.listen-address=:${ALERTMANAGER_PORT}`,
      // One instance: no gossip cluster to join.
      "--cluster.listen-address=",
      // Behind an Ingress, the address of the links in its notifications.
      ...(externalUrl ? [`--web.external-url=${externalUrl}/`] : []),
    ],
    env: {},
    ports: [
      {
        name: "http",
        containerPort: ALERTMANAGER_PORT,
        protocol: "TCP",
        hostPort: config.ports.alertmanager,
        purpose: "Alertmanager UI and API",
        url: { scheme: "http", path: "" },
      },
    ],
    ui: "http",
    data: { mountPath: DATA_DIR, epoch: config.dataEpochs.alertmanager, size: "1Gi" },
    configFiles: [
      {
        path: "alertmanager.yml",
        mountPath: "/etc/alertmanager/alertmanager.yml",
        content: renderAlertmanagerYml(config, webhookUrlFile ? { webhookUrlFile } : {}),
      },
    ],
    secretFiles: options.webhookConfigured ? [{ secret: "alertmanager-webhook-url", mountPath: ALERTMANAGER_WEBHOOK_URL_FILE }] : [],
    healthCheck: {
      port: ALERTMANAGER_PORT,
      path: "/-/healthy",
      readyPath: "/-/ready",
      intervalSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 6,
      startSeconds: 30,
    },
    resources: ALERTMANAGER_RESOURCES,
    runAs: { user: 65534, group: 65534 },
    readOnlyRootFilesystem: true,
    hostMounts: [],
    perNode: false,
    hostNetwork: false,
    metrics: { port: ALERTMANAGER_PORT, path: "/metrics" },
    // Sends notifications to the configured webhook, outside the stack.
    talksTo: [],
    discoversTargets: false,
    reachesHost: false,
  };
}
