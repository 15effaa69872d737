import type { StackConfig } from "../../config/schema.ts";
import type { ComponentDescription, StackDescription } from "../../components/types.ts";
import { endpointUrls } from "../endpoints.ts";
import { workloadName } from "./naming.ts";
import { componentNamespace } from "./podSecurity.ts";
import { ingressScheme } from "../../config/ingressUrl.ts";

export interface KubernetesAccess {
  /** What a person opens, keyed "<component>.<port>": the Ingress URL, else localhost once the port-forward runs. */
  urls: Record<string, string>;
  /** Per component, the one command that forwards its published ports not served by an Ingress. */
  portForwardCommands: Record<string, string>;
  /** Addresses for workloads inside the cluster (any namespace), keyed "<component>.<port>". */
  inClusterUrls: Record<string, string>;
}

function ingressHost(d: ComponentDescription, config: StackConfig): string | undefined {
  const hosts = config.kubernetes.ingress.hosts as Partial<Record<string, string>>;
  return d.ui ? hosts[d.name] : undefined;
}

/** Whether the component gets an Ingress, and for which host. */
export function ingressFor(d: ComponentDescription, config: StackConfig): { host: string; port: string } | undefined {
  const host = ingressHost(d, config);
  return host && d.ui ? { host, port: d.ui } : undefined;
}

/** The kubectl prefix that reaches the configured context and a namespace, the stack's by default. */
export function kubectl(config: StackConfig, namespace = config.kubernetes.namespace): string {
  const context = config.kubernetes.context ? ` --context ${config.kubernetes.context}` : "";
  return `kubectl${context} --namespace ${namespace}`;
}

/**
 * How to reach every published port on the cluster. Port-forwarding uses the same local ports as the
 * Docker stack publishes, so http://localhost:3005 is Grafana on either target.
 */
export function kubernetesAccess(stack: StackDescription, config: StackConfig): KubernetesAccess {
  const urls = endpointUrls(stack, "localhost");
  const portForwardCommands: Record<string, string> = {};
  const inClusterUrls: Record<string, string> = {};
  const scheme = ingressScheme(config);
  for (const d of stack.components) {
    const ingress = ingressFor(d, config);
    const forwarded: string[] = [];
    for (const port of d.ports) {
      if (!d.perNode) {
        const base = `http://${workloadName(d.name)}.${config.kubernetes.namespace}.svc:${port.containerPort}`;
        inClusterUrls[`${d.name}.${port.name}`] = port.url.scheme === "grpc" ? base : `${base}${port.url.path}`;
      }
      if (port.hostPort === undefined) continue;
      if (ingress?.port === port.name && port.url.scheme === "http") {
        urls[`${d.name}.${port.name}`] = `${scheme}://${ingress.host}${port.url.path}`;
      } else {
        forwarded.push(`${port.hostPort}:${port.containerPort}`);
      }
    }
    if (forwarded.length > 0) {
      const target = d.perNode ? `daemonset/${workloadName(d.name)}` : `service/${workloadName(d.name)}`;
      portForwardCommands[d.name] = `${kubectl(config, componentNamespace(d, config))} port-forward ${target} ${forwarded.join(" ")}`;
    }
  }
  return { urls, portForwardCommands, inClusterUrls };
}
