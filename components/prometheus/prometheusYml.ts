import type { DescribeContext } from "../context.ts";
import type { LlmServiceJob } from "../../config/schema.ts";
import type { ComponentName } from "../../config/components.ts";
import { generatedYaml } from "../generatedYaml.ts";
import { selectorLabels, selectorString } from "../kubernetesLabels.ts";
import { privilegedNamespace } from "../../config/privilegedNamespace.ts";
import { externalLabels } from "./externalLabels.ts";
import { renderRemoteWrite } from "./remoteWrite.ts";
import { replicaAlertRelabeling, replicaExternalLabels } from "./replicaLabel.ts";

/** The ports the stack's own components expose metrics on, scraped by Prometheus. */
export interface SelfScrapeTarget {
  component: ComponentName;
  /** The job name, where it is not the component's (a component's second endpoint). */
  job?: string;
  /** host:port Prometheus scrapes (one; on Kubernetes one per replica of a replicated component). */
  addresses: string[];
  /** The metrics port, which picks the discovered per-node pods' target on Kubernetes. */
  port: number;
  metricsPath: string;
  /** Runs once per node: on Kubernetes each pod is discovered and scraped, not one Service address. */
  perNode: boolean;
  /** Identical replicas without names of their own (a Deployment's; Kubernetes only): found through pod discovery, one target per pod. */
  podReplicas: boolean;
}

/** The job that scrapes pods annotated prometheus.io/scrape: "true" on Kubernetes. */
export const ANNOTATED_PODS_JOB = "kubernetes-pods";

export interface PrometheusYmlInput {
  /** The stack's own components that expose metrics. */
  selfTargets: SelfScrapeTarget[];
  /** Every Alertmanager's address (each replica's), when the stack has one: an alert is sent to each. */
  alertmanagers: string[];
  /** How many replicas of this Prometheus run, each with the same file. */
  replicas: number;
}

/**
 * prometheus.yml: the user's LLM services (one job each, first), the stack's own components, the project's rule files.
 * Rule files are referenced relative to this file, so the same file works in the container
 * (/etc/prometheus) and from a render directory.
 *
 * On Kubernetes, per-node components are found through pod discovery (one target per node) and pods
 * annotated for scraping anywhere in the cluster are scraped too; everything else is the same file as on
 * Docker.
 */
export function renderPrometheusYml(ctx: DescribeContext, input: PrometheusYmlInput): string {
  const { config } = ctx;
  const onKubernetes = config.target === "kubernetes";
  const labels = { ...externalLabels(config), ...replicaExternalLabels(input.replicas) };
  const alertRelabeling = replicaAlertRelabeling(input.replicas);
  const remoteWrite = renderRemoteWrite(ctx);
  const document = {
    global: {
      scrape_interval: config.prometheus.scrapeInterval,
      evaluation_interval: config.prometheus.evaluationInterval,
      ...(Object.keys(labels).length > 0 ? { external_labels: labels } : {}),
    },
    rule_files: ["rules/*.yml"],
    ...(input.alertmanagers.length > 0
      ? {
          alerting: {
            ...(alertRelabeling.length > 0 ? { alert_relabel_configs: alertRelabeling } : {}),
            alertmanagers: [{ static_configs: [{ targets: input.alertmanagers }] }],
          },
        }
      : {}),
    scrape_configs: [
      ...config.llmService.map(llmServiceJob),
      ...input.selfTargets.map((target) =>
        onKubernetes && (target.perNode || target.podReplicas)
          ? componentPodJob(ctx, target)
          : {
              job_name: target.job ?? target.component,
              metrics_path: target.metricsPath,
              static_configs: [{ targets: target.addresses }],
            },
      ),
      ...(onKubernetes ? [annotatedPodsJob()] : []),
    ],
    // Services pushing OTLP metrics can deliver samples late; accept them (Prometheus >= 2.39).
    storage: { tsdb: { out_of_order_time_window: "30m" } },
    ...(remoteWrite ? { remote_write: remoteWrite } : {}),
  };
  return generatedYaml("stacks/files/prometheusYml.ts", document);
}

/** One of the user's LLM services: its addresses, or on Kubernetes the pods discovery finds. */
function llmServiceJob(job: LlmServiceJob) {
  const common = { job_name: job.jobName, metrics_path: job.metricsPath, scheme: job.scheme };
  const { discovery } = job;
  if (!discovery) return { ...common, static_configs: [{ targets: job.targets }] };
  return {
    ...common,
    kubernetes_sd_configs: [{ role: "pod", namespaces: { names: [discovery.namespace] }, selectors: [{ role: "pod", label: discovery.selector }] }],
    relabel_configs: [
      // A pod still Pending or finished is no target; each running pod once, on the metrics port.
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed", action: "drop" },
      { source_labels: ["__meta_kubernetes_pod_container_port_number"], regex: String(discovery.port), action: "keep" },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      { source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node" },
    ],
  };
}

/**
 * One target per pod of a component found through pod discovery: a per-node component's in its
 * (privileged) namespace, labelled with the node it runs on; identical replicas' in the stack's namespace,
 * labelled with the pod (through the Service, each scrape would be another replica's).
 */
function componentPodJob(ctx: DescribeContext, target: SelfScrapeTarget) {
  const namespace = target.perNode ? privilegedNamespace(ctx.config.kubernetes) : ctx.config.kubernetes.namespace;
  return {
    job_name: target.job ?? target.component,
    metrics_path: target.metricsPath,
    kubernetes_sd_configs: [
      {
        role: "pod",
        namespaces: { names: [namespace] },
        selectors: [{ role: "pod", label: selectorString(selectorLabels(ctx.config.namePrefix, target.component)) }],
      },
    ],
    relabel_configs: [
      // A pod still Pending (its node not yet known, or no address) or finished is no target.
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed", action: "drop" },
      { source_labels: ["__meta_kubernetes_pod_container_port_number"], regex: String(target.port), action: "keep" },
      { source_labels: [target.perNode ? "__meta_kubernetes_pod_node_name" : "__meta_kubernetes_pod_name"], target_label: "instance" },
    ],
  };
}

/**
 * The prometheus.io/scrape convention: pods annotated "true" are scraped, at prometheus.io/path (default
 * /metrics) on prometheus.io/port (default: each declared container port), over prometheus.io/scheme.
 */
function annotatedPodsJob() {
  const annotation = (name: string) => `__meta_kubernetes_pod_annotation_prometheus_io_${name}`;
  return {
    job_name: ANNOTATED_PODS_JOB,
    kubernetes_sd_configs: [{ role: "pod" }],
    relabel_configs: [
      { source_labels: [annotation("scrape")], regex: "true", action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed", action: "drop" },
      { source_labels: [annotation("scheme")], regex: "(https?)", target_label: "__scheme__" },
      { source_labels: [annotation("path")], regex: "(.+)", target_label: "__metrics_path__" },
      // The annotated port on the pod's IP; IPv6 addresses are bracketed.
      {
        source_labels: [annotation("port"), "__meta_kubernetes_pod_ip"],
        regex: "(\\d+);((([0-9]+?)(\\.|$)){4})",
        replacement: "$2:$1",
        target_label: "__address__",
      },
      {
        source_labels: [annotation("port"), "__meta_kubernetes_pod_ip"],
        regex: "(\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})",
        replacement: "[$2]:$1",
        target_label: "__address__",
      },
      { action: "labelmap", regex: "__meta_kubernetes_pod_label_(.+)" },
      { source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod" },
      { source_labels: ["__meta_kubernetes_pod_node_name"], target_label: "node" },
    ],
  };
}
