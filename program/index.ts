/**
 * The Pulumi program: typed config -> one description of the stack -> deployed on its target.
 * `pulumi up --stack local` (Docker) or `--stack cluster` (Kubernetes).
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "../config/fromPulumi.ts";
import { describeStack } from "../components/stack.ts";
import { resolveSecrets } from "../targets/secrets.ts";
import { deployToDocker } from "../targets/docker/deploy.ts";
import { deployToKubernetes } from "../targets/kubernetes/deploy.ts";
import { kubernetesAccess } from "../targets/kubernetes/access.ts";
import { omittedSecretCommands } from "../targets/kubernetes/renderedSecrets.ts";
import { endpointUrls, hostForBindAddress } from "../targets/endpoints.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";
import { OTLP_METRICS_PATH } from "../components/prometheus/description.ts";

const loaded = loadStackConfig(STACK_FACTS);
const { config } = loaded;
const stack = describeStack(config);
const secrets = resolveSecrets(loaded);

/** Where a person reaches each published port, and where instrumented services send their telemetry. */
function deploy(): { urls: Record<string, string>; telemetryUrls: Record<string, string>; portForwardCommands?: Record<string, string> } {
  if (config.target === "kubernetes") {
    deployToKubernetes(stack, config, secrets);
    const access = kubernetesAccess(stack, config);
    // Services sending traces and metrics run in the cluster; they use the Services' cluster addresses.
    return { urls: access.urls, telemetryUrls: access.inClusterUrls, portForwardCommands: access.portForwardCommands };
  }
  deployToDocker(stack, config, secrets);
  const urls = endpointUrls(stack, hostForBindAddress(config.bindAddress));
  return { urls, telemetryUrls: urls };
}

const access = deploy();
const { urls, telemetryUrls } = access;

/**
 * The stack outputs. Only those that apply to this stack are listed: Pulumi warns "Undefined value (...)
 * will not show as a stack output" on every run for each one left undefined (the Docker stack has no
 * port-forwards, a cluster stack that is applied renders no manifests).
 */
const outputs: Record<string, unknown> = {
  grafanaUrl: urls["grafana.http"],
  grafanaAdminUser: config.grafana.adminUser,
  grafanaAdminPassword: secrets["grafana-admin-password"],
  grafanaPasswordCommand: `pulumi stack output grafanaAdminPassword --show-secrets --stack ${pulumi.getStack()}`,
  prometheusUrl: urls["prometheus.http"],
  prometheusOtlpMetricsUrl: `${telemetryUrls["prometheus.http"]}${OTLP_METRICS_PATH}`,
  jaegerUrl: urls["jaeger.ui"],
  otlpGrpcEndpoint: telemetryUrls["jaeger.otlp-grpc"],
  otlpHttpEndpoint: telemetryUrls["jaeger.otlp-http"],
  jaegerCollectorUrl: telemetryUrls["jaeger.collector"],
  alertmanagerUrl: urls["alertmanager.http"],
  endpoints: urls,
  /** Kubernetes: run these to reach the UIs on localhost (the same ports as the Docker stack). */
  portForwardCommands: access.portForwardCommands,
  kubernetesNamespace: config.target === "kubernetes" ? config.kubernetes.namespace : undefined,
  /** Kubernetes with kubernetes.render.directory: the directory the manifests were rendered to. */
  renderedManifests: config.target === "kubernetes" ? config.kubernetes.render.directory : undefined,
  /** Rendered manifests without their Secrets: the commands that create them in the cluster. */
  secretCommands: config.target === "kubernetes" ? omittedSecretCommands(stack, config.kubernetes, pulumi.getStack()) : undefined,
};

export default Object.fromEntries(Object.entries(outputs).filter(([, value]) => value !== undefined));
