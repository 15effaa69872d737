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
import { endpointUrls, hostForBindAddress } from "../targets/endpoints.ts";
import { STACK_FACTS } from "../components/factsForConfig.ts";

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

export const grafanaUrl = urls["grafana.http"];
export const grafanaAdminUser = config.grafana.adminUser;
export const grafanaAdminPassword = secrets["grafana-admin-password"];
export const grafanaPasswordCommand = `pulumi stack output grafanaAdminPassword --show-secrets --stack ${pulumi.getStack()}`;
export const prometheusUrl = urls["prometheus.http"];
export const prometheusOtlpMetricsUrl = `${telemetryUrls["prometheus.http"]}/api/v1/otlp/v1/metrics`;
export const jaegerUrl = urls["jaeger.ui"];
export const otlpGrpcEndpoint = telemetryUrls["jaeger.otlp-grpc"];
export const otlpHttpEndpoint = telemetryUrls["jaeger.otlp-http"];
export const jaegerCollectorUrl = telemetryUrls["jaeger.collector"];
export const alertmanagerUrl = urls["alertmanager.http"];
export const endpoints = urls;
/** Kubernetes: run these to reach the UIs on localhost (the same ports as the Docker stack). */
export const portForwardCommands = access.portForwardCommands;
export const kubernetesNamespace = config.target === "kubernetes" ? config.kubernetes.namespace : undefined;
