import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import {
  checkIngressClass,
  checkLoadBalancer,
  checkNodeExporterAdmission,
  checkNodeExporterPort,
  checkNodeSystems,
  type NodeList,
} from "../../cli/preflight/clusterTraps.ts";
import type { Exec, ExecResult } from "../../cli/preflight/exec.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const cluster = (values: Record<string, unknown> = {}) => parseStackConfig({ values: { target: "kubernetes", ...values }, secrets: {} }, STACK_FACTS);

const json = (value: unknown): Partial<ExecResult> => ({ stdout: JSON.stringify(value) });
const denied = (stderr: string): Partial<ExecResult> => ({ exitCode: 1, stderr });

describe("node-exporter against the cluster's admission", () => {
  test("the pod tried is the one the stack creates: host PID and network, host paths, Linux nodes", async () => {
    const config = cluster();
    let sent: any;
    const exec: Exec = async (command, args) => {
      if (args.includes("create")) sent = JSON.parse(readFileSync(args[args.indexOf("--filename") + 1]!, "utf8"));
      return { missing: false, exitCode: args.includes("namespace") ? 1 : 0, stdout: "", stderr: "" };
    };
    const check = await checkNodeExporterAdmission(exec, config, describeStack(config));
    expect(check).toMatchObject({ ok: true, detail: "the cluster accepts its pod (host PID, network and paths)" });
    expect(sent.metadata).toMatchObject({ namespace: "default", name: "llmobs-preflight-node-exporter" });
    expect(sent.spec).toMatchObject({ hostPID: true, hostNetwork: true, nodeSelector: { "kubernetes.io/os": "linux" } });
    expect(sent.spec.volumes.map((v: any) => v.hostPath.path).sort()).toEqual(["/", "/proc", "/sys"]);
  });

  test("once its namespace exists, it is tried there, where only policies other than Pod Security speak", async () => {
    const exec = fakeExec({ "kubectl get namespace llmobs-node-exporter": { stdout: "namespace/llmobs-node-exporter" }, "kubectl create": {} });
    const config = cluster();
    await checkNodeExporterAdmission(exec, config, describeStack(config));
    expect(exec.calls[1]).toMatch(/^kubectl create --dry-run=server --filename \S+ --output=name$/);
  });

  test("refused by Pod Security in default: fine, its own namespace is privileged", async () => {
    const exec = fakeExec({
      "kubectl create": denied(
        'Error from server (Forbidden): error when creating "pod.json": pods "llmobs-preflight-node-exporter" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true, hostPID=true)',
      ),
    });
    const config = cluster();
    const check = await checkNodeExporterAdmission(exec, config, describeStack(config));
    expect(check).toMatchObject({ ok: true });
    expect(check!.detail).toBe("the cluster enforces Pod Security baseline by default; node-exporter runs in llmobs-node-exporter, labelled privileged, which admits it");
  });

  test("refused by GKE Autopilot: fails, and says to leave node-exporter out", async () => {
    const exec = fakeExec({
      "kubectl create": denied(
        'Error from server (Forbidden): admission webhook "warden-validating.common-webhooks.networking.gke.io" denied the request: GKE Warden rejected the request because it violates one or more constraints. Violations details: {"[denied by autogke-disallow-hostnamespaces]":["enabling hostPID is not allowed in Autopilot."]}',
      ),
    });
    const config = cluster();
    const check = await checkNodeExporterAdmission(exec, config, describeStack(config));
    expect(check).toMatchObject({ ok: false });
    expect(check!.warning).toBeUndefined();
    expect(check!.detail).toMatch(/^GKE Autopilot refuses node-exporter's pod: .*enabling hostPID is not allowed in Autopilot/);
    expect(check!.fix).toContain("pulumi config set --path llmobs:nodeExporter.enabled false --stack cluster");
  });

  test("refused by another policy engine: fails, naming its message", async () => {
    const exec = fakeExec({
      "kubectl create": denied('Error from server (Forbidden): admission webhook "validation.gatekeeper.sh" denied the request: [psp-host-namespace] Sharing the host namespace is not allowed'),
    });
    const config = cluster();
    const check = await checkNodeExporterAdmission(exec, config, describeStack(config));
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining("an admission policy refuses node-exporter's pod") });
    expect(check!.fix).toContain("exempt its namespace");
  });

  test("no right to create pods in default: a warning, not a failure", async () => {
    const exec = fakeExec({
      "kubectl create": denied('Error from server (Forbidden): pods is forbidden: User "dev" cannot create resource "pods" in API group "" in the namespace "default"'),
    });
    const config = cluster();
    expect(await checkNodeExporterAdmission(exec, config, describeStack(config))).toMatchObject({ ok: false, warning: true });
  });

  test("left out: nothing to try", async () => {
    const config = cluster({ nodeExporter: { enabled: false } });
    expect(await checkNodeExporterAdmission(fakeExec({}), config, describeStack(config))).toBeUndefined();
  });
});

describe("Ingress hosts and the IngressClass that serves them", () => {
  const classes = (...items: [string, boolean][]) =>
    json({ items: items.map(([name, isDefault]) => ({ metadata: { name, annotations: isDefault ? { "ingressclass.kubernetes.io/is-default-class": "true" } : {} } })) });
  const withHosts = (ingress: Record<string, unknown> = {}) => cluster({ kubernetes: { ingress: { hosts: { grafana: "grafana.example.com" }, ...ingress } } });

  test("no hosts: nothing to check", async () => {
    expect(await checkIngressClass(fakeExec({}), cluster())).toBeUndefined();
  });

  test("the cluster's default serves them", async () => {
    expect(await checkIngressClass(fakeExec({ "kubectl get ingressclass": classes(["nginx", true]) }), withHosts())).toMatchObject({
      ok: true,
      detail: "the cluster's default, nginx",
    });
  });

  test("no default and none named: a warning that names the classes and the key", async () => {
    const check = await checkIngressClass(fakeExec({ "kubectl get ingressclass": classes(["traefik", false]) }), withHosts());
    expect(check).toMatchObject({ ok: false, warning: true });
    expect(check!.detail).toContain("no default IngressClass (it has: traefik)");
    expect(check!.fix).toContain("llmobs:kubernetes.ingress.className");
  });

  test("a named class the cluster lacks: fails", async () => {
    const check = await checkIngressClass(fakeExec({ "kubectl get ingressclass": classes(["traefik", true]) }), withHosts({ className: "nginx" }));
    expect(check).toMatchObject({ ok: false, detail: "the cluster has no IngressClass nginx (it has: traefik); no controller would serve the Ingresses" });
    expect(check!.warning).toBeUndefined();
  });

  test("two defaults: the API server refuses class-less Ingresses", async () => {
    const check = await checkIngressClass(fakeExec({ "kubectl get ingressclass": classes(["a", true], ["b", true]) }), withHosts());
    expect(check).toMatchObject({ ok: false, warning: true, detail: expect.stringContaining("marks 2 IngressClasses default") });
  });
});

describe("LoadBalancer Services and who gives them an address", () => {
  const lb = cluster({ kubernetes: { serviceType: "LoadBalancer" } });
  const nodes = (...ids: string[]): NodeList => ({ items: ids.map((providerID) => ({ metadata: { labels: {} }, spec: { providerID } })) });

  test("not asked for: nothing to check", async () => {
    expect(await checkLoadBalancer(fakeExec({}), cluster(), nodes("kind://docker/kind/kind-control-plane"))).toBeUndefined();
  });

  test("a cloud's nodes, or k3s: fine without asking further", async () => {
    expect(await checkLoadBalancer(fakeExec({}), lb, nodes("aws:///eu-west-1a/i-0abc"))).toMatchObject({ ok: true, detail: expect.stringContaining("AWS") });
    expect(await checkLoadBalancer(fakeExec({}), lb, nodes("azure:///subscriptions/x"))).toMatchObject({ ok: true, detail: expect.stringContaining("Azure") });
    expect(await checkLoadBalancer(fakeExec({}), lb, nodes("k3s://server-1"))).toMatchObject({ ok: true, detail: expect.stringContaining("ServiceLB") });
  });

  test("another LoadBalancer Service with an address, or MetalLB with a pool: fine", async () => {
    const served = fakeExec({
      "kubectl get services": json({ items: [{ metadata: { namespace: "ingress", name: "nginx" }, spec: { type: "LoadBalancer" }, status: { loadBalancer: { ingress: [{ ip: "10.0.0.9" }] } } }] }),
    });
    expect(await checkLoadBalancer(served, lb, nodes(""))).toMatchObject({ ok: true, detail: "ingress/nginx has an address, so something assigns them" });
    const metallb = fakeExec({ "kubectl get services": json({ items: [] }), "kubectl get ipaddresspools.metallb.io": json({ items: [{}] }) });
    expect(await checkLoadBalancer(metallb, lb, nodes(""))).toMatchObject({ ok: true, detail: "MetalLB, with an address pool" });
  });

  test("kind and minikube: a warning with what to run", async () => {
    const none = () => fakeExec({ "kubectl get services": json({ items: [] }) });
    const kind = await checkLoadBalancer(none(), lb, nodes("kind://docker/kind/kind-control-plane"));
    expect(kind).toMatchObject({ ok: false, warning: true });
    expect(kind!.detail).toContain("kind assigns none by itself");
    expect(kind!.fix).toContain("cloud-provider-kind");
    const minikube = await checkLoadBalancer(none(), lb, { items: [{ metadata: { labels: { "minikube.k8s.io/name": "minikube" } }, spec: {} }] });
    expect(minikube!.fix).toContain("minikube tunnel");
  });
});

describe("the nodes' operating systems", () => {
  const node = (os: string) => ({ metadata: { labels: { "kubernetes.io/os": os } } });

  test("Windows nodes beside Linux ones: fine, the pods stay on Linux", () => {
    expect(checkNodeSystems({ items: [node("linux"), node("windows"), node("linux")] }, undefined)).toEqual({
      name: "nodes",
      ok: true,
      detail: "2 Linux, 1 other (Windows): the stack's pods run on the Linux nodes only",
    });
  });

  test("no Linux node: fails", () => {
    expect(checkNodeSystems({ items: [node("windows")] }, undefined)).toMatchObject({ ok: false, fix: "Add a Linux node pool to the cluster." });
  });

  test("could not list them: a warning", () => {
    expect(checkNodeSystems(undefined, "forbidden")).toMatchObject({ ok: false, warning: true, detail: "could not list the nodes: forbidden" });
  });
});

describe("node-exporter's port on the nodes", () => {
  const pod = (namespace: string, labels: Record<string, string>, hostNetwork: boolean, port: { containerPort?: number; hostPort?: number }) => ({
    metadata: { namespace, name: `${namespace}-pod`, labels },
    spec: { hostNetwork, containers: [{ ports: [port] }] },
  });
  const ours = pod("llmobs-node-exporter", { "app.kubernetes.io/name": "node-exporter", "app.kubernetes.io/instance": "llmobs" }, true, { containerPort: 9100 });

  test("kube-prometheus-stack's node-exporter on 9100: fails, with another port or leaving ours out", async () => {
    const theirs = pod("monitoring", { "app.kubernetes.io/name": "prometheus-node-exporter" }, true, { containerPort: 9100 });
    const check = await checkNodeExporterPort(fakeExec({ "kubectl get pods": json({ items: [ours, theirs] }) }), cluster());
    expect(check).toMatchObject({ ok: false, name: "node port 9100 (node-exporter)" });
    expect(check!.detail).toBe("monitoring/monitoring-pod already listen on port 9100 of their nodes (another node-exporter?)");
    expect(check!.fix).toContain("llmobs:nodeExporter.port 9110");
    expect(check!.fix).toContain("llmobs:nodeExporter.enabled false");
  });

  test("a hostPort counts too; a pod on its own network with that container port does not", async () => {
    const hostPort = pod("apps", {}, false, { containerPort: 8080, hostPort: 9100 });
    const ownNetwork = pod("apps", {}, false, { containerPort: 9100 });
    expect(await checkNodeExporterPort(fakeExec({ "kubectl get pods": json({ items: [hostPort] }) }), cluster())).toMatchObject({ ok: false });
    expect(await checkNodeExporterPort(fakeExec({ "kubectl get pods": json({ items: [ownNetwork, ours] }) }), cluster())).toMatchObject({
      ok: true,
      detail: "free on every node",
    });
  });

  test("off the node's network, or left out: nothing to check", async () => {
    expect(await checkNodeExporterPort(fakeExec({}), cluster({ nodeExporter: { hostNetwork: false } }))).toBeUndefined();
    expect(await checkNodeExporterPort(fakeExec({}), cluster({ nodeExporter: { enabled: false } }))).toBeUndefined();
  });
});
