import { everyReplica, type DescribeContext } from "../context.ts";
import type { ComponentDescription, ConfigFile, Resources } from "../types.ts";
import type { RuleFile } from "./renderedRuleFiles.ts";
import { describeComponent } from "../describeComponent.ts";
import { webExternalUrlArgs } from "../webExternalUrl.ts";
import { renderPrometheusYml } from "./prometheusYml.ts";
import { ALERTMANAGER_PORT } from "../alertmanager/description.ts";
import { credentialFiles, remoteWriteCredentials } from "./remoteWriteCredentials.ts";
import { PROMETHEUS_SECRETS_DIR } from "./remoteWrite.ts";
import { replicaLabelEnv } from "./replicaLabel.ts";
import { PROMETHEUS_PORT } from "./addresses.ts";
import { statelessReplicas } from "../kubernetesReplicas.ts";

export { OTLP_METRICS_PATH, PROMETHEUS_PORT } from "./addresses.ts";
const CONFIG_DIR = "/etc/prometheus";
const DATA_DIR = "/prometheus";

/** Room for prometheus.retentionSize (10GB by default) plus compaction headroom. */
export const PROMETHEUS_DEFAULT_STORAGE = "15Gi";

export const PROMETHEUS_RESOURCES: Resources = { cpuRequest: "200m", cpuLimit: "2", memoryRequest: "512Mi", memoryLimit: "2Gi" };

/**
 * Prometheus scrapes the user's LLM service and every component that serves metrics, evaluates the
 * project's rule files, sends alerts to Alertmanager (when the stack has one) and accepts OTLP metrics
 * pushed to /api/v1/otlp/v1/metrics. Replicas (cluster target only) each scrape and evaluate everything
 * on their own data, told apart by an external label; each sends its alerts to every Alertmanager.
 */
export function describePrometheus(
  ctx: DescribeContext,
  peers: readonly ComponentDescription[],
  ruleFiles: readonly RuleFile[],
): ComponentDescription {
  const { config } = ctx;
  const { replicas } = config.prometheus;
  const alertmanager = peers.find((peer) => peer.name === "alertmanager");
  const prometheusYml = renderPrometheusYml(ctx, {
    selfTargets: [
      // Itself on loopback: through its own Service it would be hairpin traffic, which some clusters drop.
      { component: "prometheus", addresses: [ctx.loopback(PROMETHEUS_PORT)], port: PROMETHEUS_PORT, metricsPath: "/metrics", perNode: false, podReplicas: false },
      ...peers.flatMap((peer) =>
        [...(peer.metrics ? [{ job: peer.name, ...peer.metrics }] : []), ...(peer.derivedMetrics ? [peer.derivedMetrics] : [])].map((metrics) => ({
          component: peer.name,
          ...(metrics.job !== peer.name ? { job: metrics.job } : {}),
          // Each replica of a replicated peer on its own: through the Service, every scrape would be another one's
          // (replicas without names of their own are found through pod discovery instead).
          addresses: peer.hostNetwork
            ? [ctx.hostAddress(metrics.port)]
            : everyReplica(ctx, peer.name, statelessReplicas(peer) ? 1 : peer.replicas, metrics.port),
          port: metrics.port,
          metricsPath: metrics.path,
          perNode: peer.perNode,
          podReplicas: statelessReplicas(peer),
        })),
      ),
    ],
    // Every Alertmanager, not one through the Service: replicas deduplicate what each is sent, never pass it on.
    alertmanagers: alertmanager ? everyReplica(ctx, "alertmanager", alertmanager.replicas, ALERTMANAGER_PORT) : [],
    replicas,
  });
  const configFiles: ConfigFile[] = [
    { path: "prometheus.yml", mountPath: `${CONFIG_DIR}/prometheus.yml`, content: prometheusYml },
    ...ruleFiles.map((rule) => ({
      path: `rules/${rule.name}`,
      mountPath: `${CONFIG_DIR}/rules/${rule.name}`,
      content: rule.content,
    })),
  ];
  return describeComponent(ctx, "prometheus", {
    args: [
      `--config.file=${CONFIG_DIR}/prometheus.yml`,
      `--storage.tsdb.path=${DATA_DIR}`,
      `--storage.tsdb.retention.time=${config.prometheus.retentionTime}`,
      `--storage.tsdb.retention.size=${config.prometheus.retentionSize}`,
      // Services can push OTLP metrics instead of (or as well as) being scraped.
      "--web.enable-otlp-receiver",
      // Keeps the exemplars scraped services attach to histograms (trace ids), so a latency point leads to its trace.
      "--enable-feature=exemplar-storage",
      `--web.listen-address=:${PROMETHEUS_PORT}`,
      // Behind an Ingress, the address in its links and in every alert's generatorURL.
      ...webExternalUrlArgs(config, "prometheus"),
    ],
    ports: [
      {
        name: "http",
        containerPort: PROMETHEUS_PORT,
        hostPortKey: "prometheus",
        purpose: "Prometheus UI and query API; OTLP metrics at /api/v1/otlp/v1/metrics",
        url: { scheme: "http", path: "" },
      },
    ],
    ui: "http",
    replicas,
    replicaEnv: replicaLabelEnv(replicas),
    data: { mountPath: DATA_DIR, size: PROMETHEUS_DEFAULT_STORAGE },
    configFiles,
    // Remote write's credentials, when the stack sets them.
    secretFiles: credentialFiles(remoteWriteCredentials(config, PROMETHEUS_SECRETS_DIR)),
    healthCheck: {
      port: PROMETHEUS_PORT,
      path: "/-/healthy",
      readyPath: "/-/ready",
      startSeconds: 60,
      // /-/ready waits for the write-ahead log's replay, which for a large one takes many minutes (the
      // Prometheus Operator gives it 15).
      readySeconds: 900,
    },
    resources: PROMETHEUS_RESOURCES,
    metrics: { port: PROMETHEUS_PORT, path: "/metrics" },
    talksTo: [...new Set(peers.filter((peer) => peer.metrics || peer === alertmanager).map((p) => p.name))],
    reachesHost: true,
    discoversTargets: true,
  });
}
