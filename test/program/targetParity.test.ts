import { beforeAll, describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { configFilesInPod, container, podSpec, stackFileConfig } from "../support/kubernetes/programRun.ts";
import { COMPONENT_NAMES } from "../../config/components.ts";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import { describeStack } from "../../components/stack.ts";
import { kubernetesAccess } from "../../targets/kubernetes/access.ts";
import { readFileSync } from "node:fs";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * The Docker and Kubernetes renderings of each component agree on image, arguments, environment, user,
 * ports, data path, health check and config files. Both come from one program run over the cluster stack's
 * config, so any disagreement is the renderers', not the configs'.
 */
let run: ProgramRun;
const kubernetesConfig = parseStackDocument(readFileSync(new URL("../../stacks/Pulumi.cluster.yaml", import.meta.url), "utf8"), STACK_FACTS);
const kubernetes = describeStack(kubernetesConfig);
const rendered = kubernetes.components.map((c) => c.name);

beforeAll(async () => {
  run = await runProgram("test/support/pulumi/bothTargetsProgram.ts", stackFileConfig("cluster"), { stack: "cluster" });
});

const dockerContainer = (name: string) => run.named("docker:index/container:Container", name).inputs;
const dockerImage = (name: string) => run.named("docker:index/remoteImage:RemoteImage", `${name}-image`).inputs.name;
const dockerFiles = (name: string) =>
  new Map<string, string>((dockerContainer(name).uploads ?? []).filter((u: any) => !u.file.includes("/secrets/")).map((u: any) => [u.file, u.content]));

describe.each(COMPONENT_NAMES.filter((name) => rendered.includes(name)))("%s on Docker and on Kubernetes", (name) => {
  test("the same image, arguments, environment and user", () => {
    const c = container(run, name);
    expect(c.image).toBe(dockerImage(name));
    expect(c.args).toEqual(dockerContainer(name).command);
    expect(c.env.map((e: any) => `${e.name}=${e.value}`)).toEqual(dockerContainer(name).envs);
    expect(`${c.securityContext.runAsUser}:${c.securityContext.runAsGroup}`).toBe(dockerContainer(name).user);
  });

  test("the same ports: what Docker publishes is what port-forward forwards, and the container listens on it", () => {
    const published = (dockerContainer(name).ports ?? []).map((p: any) => `${p.external}:${p.internal}`);
    const command = kubernetesAccess(kubernetes, kubernetesConfig).portForwardCommands[name];
    expect(command?.split(" ").filter((word) => /^\d+:\d+$/.test(word)) ?? []).toEqual(published);
    const listening = container(run, name).ports.map((p: any) => p.containerPort);
    for (const p of dockerContainer(name).ports ?? []) expect(listening).toContain(p.internal);
  });

  test("the same data path", () => {
    const dockerData = dockerContainer(name).mounts.filter((m: any) => m.type === "volume").map((m: any) => m.target);
    const pod = podSpec(run, name);
    const claimed = pod.containers[0].volumeMounts
      .filter((m: any) => pod.volumes.find((v: any) => v.name === m.name)?.persistentVolumeClaim)
      .map((m: any) => m.mountPath);
    expect(claimed).toEqual(dockerData);
  });

  test("the same health check, and as long to start", () => {
    const url = (dockerContainer(name).healthcheck.tests.at(-1) as string).split(" ").at(-1);
    const probe = container(run, name).livenessProbe.httpGet;
    expect(`http://127.0.0.1:${probe.port}${probe.path}`).toBe(url);
    const startup = container(run, name).startupProbe;
    expect(dockerContainer(name).waitTimeout).toBeGreaterThanOrEqual(startup.periodSeconds * startup.failureThreshold);
  });

  test("the same config files at the same paths; only prometheus.yml's discovery of per-node and annotated pods differs", () => {
    const docker = dockerFiles(name);
    const cluster = configFilesInPod(run, name);
    expect([...cluster.keys()].sort()).toEqual([...docker.keys()].sort());
    for (const [path, content] of docker) {
      if (path.endsWith("/prometheus.yml")) continue;
      if (path.endsWith("/host.json")) {
        expect(withoutNetworkPanelDescription(cluster.get(path)!), path).toEqual(withoutNetworkPanelDescription(content));
        continue;
      }
      expect(cluster.get(path), path).toBe(content);
    }
  });
});

/** The Host dashboard without the one sentence that says whose network traffic it shows. */
function withoutNetworkPanelDescription(json: string): unknown {
  const dashboard = JSON.parse(json);
  for (const panel of dashboard.panels) if (panel.title === "Network I/O") delete panel.description;
  return dashboard;
}

test("the Host dashboard says whose traffic its network panel shows: the node's on Kubernetes, node-exporter's container's on Docker's default network", () => {
  const description = (json: string) => JSON.parse(json).panels.find((p: any) => p.title === "Network I/O").description as string;
  expect(description(configFilesInPod(run, "grafana").get("/etc/grafana/dashboards/host.json")!)).toMatch(/by the host's interfaces/);
  expect(description(dockerFiles("grafana").get("/etc/grafana/dashboards/host.json")!)).toMatch(/by node-exporter's own container, not the host/);
});

test("prometheus.yml: identical on both targets but for the Kubernetes service discovery", () => {
  const docker = load(dockerFiles("prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  const cluster = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  const { scrape_configs: dockerJobs, ...dockerRest } = docker;
  const { scrape_configs: clusterJobs, ...clusterRest } = cluster;
  expect(clusterRest).toEqual(dockerRest);
  const perNode = kubernetes.components.filter((c) => c.perNode).map((c) => c.name as string);
  expect(clusterJobs.map((j: any) => j.job_name)).toEqual([...dockerJobs.map((j: any) => j.job_name), "kubernetes-pods"]);
  for (const job of dockerJobs) {
    const twin = clusterJobs.find((j: any) => j.job_name === job.job_name);
    if (perNode.includes(job.job_name)) {
      expect(twin.metrics_path).toBe(job.metrics_path);
      expect(twin.kubernetes_sd_configs).toHaveLength(1);
    } else {
      expect(twin, job.job_name).toEqual(job);
    }
  }
});
