/**
 * The Pulumi program: typed config -> one description of the stack -> the target's renderer.
 * `pulumi up --stack local` (Docker) or `--stack cluster` (Kubernetes).
 */
import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig } from "./config/fromPulumi.ts";
import { describeStack } from "./components/stack.ts";
import { resolveSecrets } from "./secrets.ts";
import { renderDockerStack } from "./docker/stack.ts";
import { endpointUrls, hostForBindAddress } from "./endpoints.ts";

const loaded = loadStackConfig();
const { config } = loaded;
const stack = describeStack(config);
const secrets = resolveSecrets(loaded);

if (config.target !== "docker") {
  throw new pulumi.RunError(`target "${config.target}" is not available in this version; use target: docker`);
}
renderDockerStack(stack, config, secrets);
const urls = endpointUrls(stack, hostForBindAddress(config.bindAddress));

export const grafanaUrl = urls["grafana.http"];
export const grafanaAdminUser = config.grafana.adminUser;
export const grafanaAdminPassword = secrets["grafana-admin-password"];
export const grafanaPasswordCommand = `pulumi stack output grafanaAdminPassword --show-secrets --stack ${pulumi.getStack()}`;
export const prometheusUrl = urls["prometheus.http"];
export const prometheusOtlpMetricsUrl = `${urls["prometheus.http"]}/api/v1/otlp/v1/metrics`;
export const jaegerUrl = urls["jaeger.ui"];
export const otlpGrpcEndpoint = urls["jaeger.otlp-grpc"];
export const otlpHttpEndpoint = urls["jaeger.otlp-http"];
export const jaegerCollectorUrl = urls["jaeger.collector"];
export const alertmanagerUrl = urls["alertmanager.http"];
export const endpoints = urls;
