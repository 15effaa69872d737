import type { DescribeContext } from "../context.ts";
import type { ComponentDescription, Resources } from "../types.ts";
import type { DashboardFile } from "../../dashboards/common/dashboard.ts";
import { describeComponent } from "../describeComponent.ts";
import { ingressUrl } from "../../config/ingressUrl.ts";
import { GRAFANA_DASHBOARDS_DIR, renderDashboardProvider, renderDatasources } from "./provisioning.ts";
import { PROMETHEUS_PORT } from "../prometheus/description.ts";
import { JAEGER_PORTS } from "../jaeger/jaegerConfig.ts";
import { ALERTMANAGER_PORT } from "../alertmanager/description.ts";
import { GRAFANA_SECRETS_DIR, grafanaFileReference } from "./fileReference.ts";
import { grafanaDatabase } from "./database.ts";
import { longTermDatasource } from "./longTermDatasource.ts";
import { grafanaAlertingCluster } from "./alertingCluster.ts";

export const GRAFANA_PORT = 3000;
const PROVISIONING_DIR = "/etc/grafana/provisioning";
export const GRAFANA_ADMIN_PASSWORD_FILE = `${GRAFANA_SECRETS_DIR}/admin-password`;

export const GRAFANA_RESOURCES: Resources = { cpuRequest: "100m", cpuLimit: "1", memoryRequest: "256Mi", memoryLimit: "1Gi" };

/**
 * Grafana with its datasources and dashboards provisioned from code. No anonymous access, no sign-up,
 * and the admin password is read from a secret file, so it appears in no environment variable; an
 * unreadable file stops Grafana instead of leaving it on its default password. Its database is SQLite on
 * its volume, or an external PostgreSQL or MySQL (then it has no volume); with remote write's query URL, the
 * long-term store is a second Prometheus datasource. Replicas (cluster target, external database only)
 * share sessions through the database and gossip their alerting notifications.
 */
export function describeGrafana(
  ctx: DescribeContext,
  dashboards: readonly DashboardFile[],
  options: { alertmanager: boolean },
): ComponentDescription {
  const { config } = ctx;
  const longTerm = longTermDatasource(ctx);
  const database = grafanaDatabase(ctx);
  const datasources = renderDatasources(
    config,
    {
      prometheus: ctx.peer("prometheus", PROMETHEUS_PORT),
      jaeger: ctx.peer("jaeger", JAEGER_PORTS.ui),
      ...(options.alertmanager ? { alertmanager: ctx.peer("alertmanager", ALERTMANAGER_PORT) } : {}),
    },
    longTerm.datasource ? [longTerm.datasource] : [],
  );
  const rootUrl = ingressUrl(config, "grafana");
  const { replicas } = config.grafana;
  const alerting = grafanaAlertingCluster(ctx, replicas);
  return describeComponent(ctx, "grafana", {
    env: {
      GF_SECURITY_ADMIN_USER: config.grafana.adminUser,
      // Grafana expands $__file{} itself and refuses to start when it cannot read the file. The image's
      // __FILE convention would not: its entrypoint turns an unreadable file into an empty variable, and
      // Grafana then starts with its built-in admin password. The variable holds only the file's path.
      GF_SECURITY_ADMIN_PASSWORD: grafanaFileReference(GRAFANA_ADMIN_PASSWORD_FILE),
      GF_AUTH_ANONYMOUS_ENABLED: "false",
      GF_USERS_ALLOW_SIGN_UP: "false",
      GF_USERS_ALLOW_ORG_CREATE: "false",
      GF_ANALYTICS_REPORTING_ENABLED: "false",
      GF_ANALYTICS_CHECK_FOR_UPDATES: "false",
      GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: "false",
      GF_NEWS_NEWS_FEED_ENABLED: "false",
      GF_PATHS_PROVISIONING: PROVISIONING_DIR,
      // Behind an Ingress, the address Grafana writes into its links and redirects.
      ...(rootUrl ? { GF_SERVER_ROOT_URL: `${rootUrl}/` } : {}),
      GF_LOG_MODE: "console",
      ...database.env,
      ...alerting.env,
    },
    ports: [
      {
        name: "http",
        containerPort: GRAFANA_PORT,
        hostPortKey: "grafana",
        purpose: "Grafana: the LLM dashboards",
        url: { scheme: "http", path: "" },
      },
    ],
    ui: "http",
    replicas,
    peerPorts: alerting.peerPorts,
    replicaEnv: alerting.replicaEnv,
    // On an external database Grafana keeps nothing it needs across restarts: no volume.
    ...(config.grafana.database ? {} : { data: { mountPath: "/var/lib/grafana", size: "2Gi" } }),
    configFiles: [
      {
        path: "provisioning/datasources/llmobs.yml",
        mountPath: `${PROVISIONING_DIR}/datasources/llmobs.yml`,
        content: datasources,
      },
      {
        path: "provisioning/dashboards/llmobs.yml",
        mountPath: `${PROVISIONING_DIR}/dashboards/llmobs.yml`,
        content: renderDashboardProvider(config),
      },
      ...dashboards.map((dashboard) => ({
        path: `dashboards/${dashboard.name}`,
        mountPath: `${GRAFANA_DASHBOARDS_DIR}/${dashboard.name}`,
        content: dashboard.content,
      })),
    ],
    secretFiles: [{ secret: "grafana-admin-password", mountPath: GRAFANA_ADMIN_PASSWORD_FILE }, ...database.secretFiles, ...longTerm.secretFiles],
    healthCheck: {
      port: GRAFANA_PORT,
      path: "/api/health",
      // Grafana serves HTTP only after its database migrations, which on a first start (or an upgrade) on a
      // slow volume take minutes; a probe that kills it midway leaves the migration to start over.
      startSeconds: 600,
    },
    resources: GRAFANA_RESOURCES,
    // The image's grafana user; group 0 as the image expects.
    runAs: { user: 472, group: 0 },
    // Grafana writes plugins, sessions and temporary files outside its data directory.
    readOnlyRootFilesystem: false,
    metrics: { port: GRAFANA_PORT, path: "/metrics" },
    talksTo: options.alertmanager ? ["prometheus", "jaeger", "alertmanager"] : ["prometheus", "jaeger"],
    // An external database may be on the Docker host (host.docker.internal).
    reachesHost: config.grafana.database !== undefined,
  });
}
