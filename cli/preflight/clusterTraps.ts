import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "../../config/schema.ts";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import type { StackDescription } from "../../components/types.ts";
import { componentLabels, podTemplate } from "../../targets/kubernetes/podTemplate.ts";
import { privilegedNamespace } from "../../config/privilegedNamespace.ts";
import { nodeExporterOnHostNetwork } from "../../config/nodeExporterNetwork.ts";
import { LABELS } from "../../components/kubernetesLabels.ts";
import type { Check } from "./checks.ts";
import type { Exec } from "./exec.ts";

/**
 * What a default kind or k3s cluster lets pass but other clusters do not: admission policies that refuse
 * node-exporter (Pod Security enforced by default, GKE Autopilot, Gatekeeper or Kyverno), Ingresses no
 * controller serves, LoadBalancer Services no one gives an address, Windows nodes, and a node-exporter
 * already on the port. Each check that cannot tell is a warning, never a failure.
 */

function kubectlArgs(config: StackConfig, ...args: string[]): string[] {
  const { context } = config.kubernetes;
  return [...(context ? ["--context", context] : []), ...args];
}

function lastLine(text: string): string {
  return (text.trim().split("\n").at(-1) ?? "").trim();
}

function setKey(key: string, value: string): string {
  return `\`pulumi config set --path ${CONFIG_NAMESPACE}:${key} ${value} --stack cluster\``;
}

async function getJson<T>(exec: Exec, config: StackConfig, args: string[]): Promise<{ value?: T; error?: string }> {
  const result = await exec("kubectl", kubectlArgs(config, ...args, "--output=json"), 30_000);
  if (result.missing) return { error: "`kubectl` is not on PATH" };
  if (result.exitCode !== 0) return { error: lastLine(result.stderr) || "no answer" };
  try {
    return { value: JSON.parse(result.stdout) as T };
  } catch {
    return { error: "unreadable answer" };
  }
}

export interface NodeList {
  items?: { metadata?: { name?: string; labels?: Record<string, string> }; spec?: { providerID?: string } }[];
}

/** The cluster's nodes, which several checks read. */
export function listNodes(exec: Exec, config: StackConfig) {
  return getJson<NodeList>(exec, config, ["get", "nodes"]);
}

/** node-exporter's pod, as the stack will create it, tried against the cluster's admission without creating it. */
export async function checkNodeExporterAdmission(exec: Exec, config: StackConfig, stack: StackDescription): Promise<Check | undefined> {
  const d = stack.components.find((c) => c.perNode);
  if (!d) return undefined;
  const name = "node-exporter admission";
  // Tried in its own namespace once that exists (labelled privileged by the stack, so only other policies
  // speak); before the first `up`, in `default`, where a denial by Pod Security shows the cluster's default
  // level, which the privileged namespace overrides, and any other denial stays.
  const own = privilegedNamespace(config.kubernetes);
  const exists = await exec("kubectl", kubectlArgs(config, "get", "namespace", own, "--output=name"), 30_000);
  const template = podTemplate({ description: d, config });
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "llmobs-preflight-node-exporter", namespace: exists.exitCode === 0 && !exists.missing ? own : "default", labels: componentLabels(d, config.namePrefix) },
    spec: template.spec,
  };
  const dir = mkdtempSync(join(tmpdir(), "llmobs-preflight-"));
  const file = join(dir, "pod.json");
  writeFileSync(file, JSON.stringify(pod));
  const result = await exec("kubectl", kubectlArgs(config, "create", "--dry-run=server", "--filename", file, "--output=name"), 30_000);
  rmSync(dir, { recursive: true, force: true });
  if (result.exitCode === 0 && !result.missing) return { name, ok: true, detail: "the cluster accepts its pod (host PID, network and paths)" };
  const message = lastLine(result.stderr) || "no answer";
  const podSecurity = /violates PodSecurity "([a-z]+):/.exec(message);
  if (podSecurity) {
    return {
      name,
      ok: true,
      detail:
        `the cluster enforces Pod Security ${podSecurity[1]} by default; node-exporter runs in ${own}, ` +
        "labelled privileged, which admits it",
    };
  }
  if (result.missing || !/denied|forbidden|not allowed|violat/i.test(message) || /cannot create resource "pods"/.test(message)) {
    return {
      name,
      ok: false,
      warning: true,
      detail: `could not try node-exporter's pod against the cluster's admission: ${message}`,
      fix: "If a policy refuses host PID, network or paths, node-exporter never starts and `up` waits for it: " +
        `leave it out with ${setKey("nodeExporter.enabled", "false")}.`,
    };
  }
  const autopilot = /autopilot|gke warden/i.test(message);
  return {
    name,
    ok: false,
    detail: `${autopilot ? "GKE Autopilot" : "an admission policy"} refuses node-exporter's pod: ${message}`,
    fix:
      `Leave node-exporter out: ${setKey("nodeExporter.enabled", "false")}` +
      (autopilot
        ? " (Autopilot allows no host PID, network or paths; GKE's own node metrics are in Cloud Monitoring)."
        : ", or ask the cluster's administrators to exempt its namespace."),
  };
}

const DEFAULT_INGRESS_CLASS = "ingressclass.kubernetes.io/is-default-class";

interface IngressClassList {
  items?: { metadata?: { name?: string; annotations?: Record<string, string> } }[];
}

/** With Ingress hosts set, an IngressClass serves them: the one named, or the cluster's default. */
export async function checkIngressClass(exec: Exec, config: StackConfig): Promise<Check | undefined> {
  const hosts = Object.values(config.kubernetes.ingress.hosts).filter(Boolean);
  if (hosts.length === 0) return undefined;
  const name = "IngressClass";
  const { value, error } = await getJson<IngressClassList>(exec, config, ["get", "ingressclass"]);
  if (!value) return { name, ok: false, warning: true, detail: `could not list IngressClasses: ${error}` };
  const classes = (value.items ?? []).map((item) => ({
    name: item.metadata?.name ?? "?",
    isDefault: item.metadata?.annotations?.[DEFAULT_INGRESS_CLASS] === "true",
  }));
  const names = classes.map((c) => c.name).join(", ") || "none";
  const wanted = config.kubernetes.ingress.className;
  if (wanted) {
    return classes.some((c) => c.name === wanted)
      ? { name, ok: true, detail: `${wanted} (${CONFIG_NAMESPACE}:kubernetes.ingress.className)` }
      : {
          name,
          ok: false,
          detail: `the cluster has no IngressClass ${wanted} (it has: ${names}); no controller would serve the Ingresses`,
          fix: `Name one it has: ${setKey("kubernetes.ingress.className", "<name>")}, or install the controller first.`,
        };
  }
  const defaults = classes.filter((c) => c.isDefault);
  if (defaults.length === 1) return { name, ok: true, detail: `the cluster's default, ${defaults[0]!.name}` };
  return {
    name,
    ok: false,
    warning: true,
    detail:
      defaults.length === 0
        ? `Ingress hosts are set, kubernetes.ingress.className is not, and the cluster has no default IngressClass (it has: ${names}); the Ingresses may be served by no controller`
        : `the cluster marks ${defaults.length} IngressClasses default (${defaults.map((c) => c.name).join(", ")}); the API server refuses an Ingress without a class then`,
    fix: `Name the class: ${setKey("kubernetes.ingress.className", "<name>")} (kind and plain clusters first need a controller, e.g. ingress-nginx).`,
  };
}

interface ServiceList {
  items?: { metadata?: { namespace?: string; name?: string }; spec?: { type?: string }; status?: { loadBalancer?: { ingress?: unknown[] } } }[];
}

const CLOUD_PROVIDERS: Record<string, string> = {
  "aws://": "AWS",
  "gce://": "Google Cloud",
  "azure://": "Azure",
  "digitalocean://": "DigitalOcean",
  "linode://": "Linode",
  "hcloud://": "Hetzner Cloud",
  "oci://": "Oracle Cloud",
  "openstack://": "OpenStack",
  "vsphere://": "vSphere",
};

/** With `serviceType: LoadBalancer`, something gives the external Services an address. */
export async function checkLoadBalancer(exec: Exec, config: StackConfig, nodes: NodeList | undefined): Promise<Check | undefined> {
  if (config.kubernetes.serviceType !== "LoadBalancer") return undefined;
  const name = "LoadBalancer";
  const providerIds = (nodes?.items ?? []).map((node) => node.spec?.providerID ?? "");
  const cloud = Object.entries(CLOUD_PROVIDERS).find(([prefix]) => providerIds.some((id) => id.startsWith(prefix)))?.[1];
  if (cloud) return { name, ok: true, detail: `the nodes run on ${cloud}, whose cloud controller assigns addresses` };
  if (providerIds.some((id) => id.startsWith("k3s://"))) return { name, ok: true, detail: "k3s, whose ServiceLB assigns node addresses" };
  const services = await getJson<ServiceList>(exec, config, ["get", "services", "--all-namespaces"]);
  const served = (services.value?.items ?? []).find((s) => s.spec?.type === "LoadBalancer" && (s.status?.loadBalancer?.ingress?.length ?? 0) > 0);
  if (served) return { name, ok: true, detail: `${served.metadata?.namespace}/${served.metadata?.name} has an address, so something assigns them` };
  const metallb = await getJson<{ items?: unknown[] }>(exec, config, ["get", "ipaddresspools.metallb.io", "--all-namespaces"]);
  if ((metallb.value?.items?.length ?? 0) > 0) return { name, ok: true, detail: "MetalLB, with an address pool" };
  const kind = providerIds.some((id) => id.startsWith("kind://"));
  const minikube = (nodes?.items ?? []).some((node) => node.metadata?.labels?.["minikube.k8s.io/name"] !== undefined);
  return {
    name,
    ok: false,
    warning: true,
    detail:
      "nothing in the cluster is known to give LoadBalancer Services an address" +
      (kind ? " (kind assigns none by itself)" : minikube ? " (minikube assigns none without a tunnel)" : "") +
      "; the external Services would stay <pending> (`up` does not wait for them)",
    fix: kind
      ? "Run cloud-provider-kind beside the cluster, or use serviceType NodePort, an Ingress, or `kubectl port-forward`."
      : minikube
        ? "Run `minikube tunnel` in another terminal, or use serviceType NodePort or `kubectl port-forward`."
        : `Install a load balancer (MetalLB on bare metal), or ${setKey("kubernetes.serviceType", "NodePort")}.`,
  };
}

/** Windows nodes cannot run the stack's Linux images; its pods are kept to Linux nodes, of which there must be one. */
export function checkNodeSystems(nodes: NodeList | undefined, error: string | undefined): Check {
  const name = "nodes";
  if (!nodes) return { name, ok: false, warning: true, detail: `could not list the nodes: ${error}` };
  const systems = (nodes.items ?? []).map((node) => node.metadata?.labels?.["kubernetes.io/os"] ?? "linux");
  const linux = systems.filter((os) => os === "linux").length;
  const others = systems.length - linux;
  if (linux === 0) {
    return {
      name,
      ok: false,
      detail: `none of the ${systems.length} nodes runs Linux; the stack's images are Linux images`,
      fix: "Add a Linux node pool to the cluster.",
    };
  }
  return {
    name,
    ok: true,
    detail: others > 0 ? `${linux} Linux, ${others} other (Windows): the stack's pods run on the Linux nodes only` : `${linux} Linux`,
  };
}

interface PodList {
  items?: {
    metadata?: { namespace?: string; name?: string; labels?: Record<string, string> };
    spec?: { hostNetwork?: boolean; containers?: { ports?: { containerPort?: number; hostPort?: number }[] }[] };
  }[];
}

/** On the node's network node-exporter needs its port free on every node: another node-exporter often holds 9100. */
export async function checkNodeExporterPort(exec: Exec, config: StackConfig): Promise<Check | undefined> {
  if (!config.nodeExporter.enabled || !nodeExporterOnHostNetwork(config)) return undefined;
  const port = config.nodeExporter.port;
  const name = `node port ${port} (node-exporter)`;
  const { value, error } = await getJson<PodList>(exec, config, ["get", "pods", "--all-namespaces"]);
  if (!value) return { name, ok: false, warning: true, detail: `could not list the pods: ${error}` };
  const ours = (pod: NonNullable<PodList["items"]>[number]) =>
    pod.metadata?.namespace === privilegedNamespace(config.kubernetes) &&
    pod.metadata?.labels?.[LABELS.name] === "node-exporter" &&
    pod.metadata?.labels?.[LABELS.instance] === config.namePrefix;
  const holders = (value.items ?? []).filter(
    (pod) =>
      !ours(pod) &&
      (pod.spec?.containers ?? []).some((c) =>
        (c.ports ?? []).some((p) => p.hostPort === port || (pod.spec?.hostNetwork === true && p.containerPort === port)),
      ),
  );
  if (holders.length === 0) return { name, ok: true, detail: "free on every node" };
  const first = holders[0]!;
  return {
    name,
    ok: false,
    detail: `${first.metadata?.namespace}/${first.metadata?.name}${holders.length > 1 ? ` and ${holders.length - 1} more` : ""} already listen on port ${port} of their nodes (another node-exporter?)`,
    fix: `Give this stack's node-exporter another port: ${setKey("nodeExporter.port", String(port + 10))}, or leave it out and let the cluster's own one feed the Host dashboard: ${setKey("nodeExporter.enabled", "false")}.`,
  };
}
