import { beforeAll, describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { configFilesInPod, container, K8S, manifests, podSpec, workload } from "../support/kubernetes/programRun.ts";
import { PINNED_IMAGES } from "../../components/images.ts";
import { demoBundle } from "../../components/demo/bundle.ts";
import { DEMO_BUNDLE_PATH } from "../../components/demo/description.ts";
import { CONFIG_MAP_MAX_BYTES } from "../../targets/kubernetes/configMaps.ts";

/** The demo on (demo.enabled) on both targets, under Pulumi's mocks; and off, by default, on both. */
const CONTAINER = "docker:index/container:Container";
const IMAGE = "docker:index/remoteImage:RemoteImage";

let docker: ProgramRun;
let cluster: ProgramRun;
let dockerOff: ProgramRun;
let clusterOff: ProgramRun;

beforeAll(async () => {
  const demo = { enabled: true, callsPerSecond: 2, agents: ["team.alpha"], models: ["openai/gpt-4o"] };
  docker = await runProgram("program/index.ts", {
    "llmobs:target": "docker",
    "llmobs:demo": demo,
    "llmobs:llmService": [{ jobName: "chat-api", targets: ["host.docker.internal:8000"] }],
  });
  cluster = await runProgram(
    "program/index.ts?cluster",
    { "llmobs:target": "kubernetes", "llmobs:demo": demo, "llmobs:kubernetes": { namespace: "obs", networkPolicy: true } },
    { stack: "cluster" },
  );
  dockerOff = await runProgram("program/index.ts?docker-off", { "llmobs:target": "docker" });
  clusterOff = await runProgram("program/index.ts?cluster-off", { "llmobs:target": "kubernetes", "llmobs:kubernetes": { networkPolicy: true } }, { stack: "cluster" });
});

const ARGS = [
  "node",
  DEMO_BUNDLE_PATH,
  "--rate=2",
  "--agents=team.alpha",
  "--models=openai/gpt-4o",
  "--host=0.0.0.0",
  "--port=8000",
  "--prometheus=http://prometheus:9090",
  "--otlp=http://jaeger:4318",
  "--service-name=llm-demo",
];

function scrapeJob(prometheusYml: string, job: string): any {
  return (load(prometheusYml) as { scrape_configs: any[] }).scrape_configs.find((j) => j.job_name === job);
}

describe("off by default: nothing of the demo is rendered", () => {
  test.each([
    ["Docker", () => dockerOff],
    ["Kubernetes", () => clusterOff],
  ])("%s", (_, run) => {
    expect(run().resources.filter((r) => r.name.startsWith("demo") || r.urn.includes("Component::demo"))).toEqual([]);
    expect(JSON.stringify(run().resources.map((r) => r.inputs))).not.toContain("llm-demo");
  });
});

describe("Docker", () => {
  test("a container of the pinned Node image runs the bundle with the stack's in-network addresses", () => {
    expect(docker.named(IMAGE, "demo-image").inputs.name).toBe(PINNED_IMAGES.demo);
    const demo = docker.named(CONTAINER, "demo").inputs;
    expect(demo.name).toBe("llmobs-demo");
    expect(demo.command).toEqual(ARGS);
    expect(demo.user).toBe("1000:1000");
    expect(demo.networksAdvanced[0].aliases).toEqual(["demo"]);
    // Reached by Prometheus over the private network; nothing published.
    expect(demo.ports).toEqual([]);
    expect(demo.healthcheck.tests).toEqual(["CMD", "wget", "-q", "--spider", "-T", "5", "http://127.0.0.1:8000/healthz"]);
  });

  test("the bundle is uploaded as the file node runs, exactly as bundled", () => {
    const uploads = docker.named(CONTAINER, "demo").inputs.uploads;
    expect(uploads).toEqual([{ file: DEMO_BUNDLE_PATH, content: demoBundle() }]);
  });

  test("Prometheus scrapes it as the LLM job llm-demo; the user's job stays", () => {
    const yml = docker.named(CONTAINER, "prometheus").inputs.uploads.find((u: any) => u.file === "/etc/prometheus/prometheus.yml").content;
    expect(scrapeJob(yml, "llm-demo")).toEqual({ job_name: "llm-demo", metrics_path: "/metrics", static_configs: [{ targets: ["demo:8000"] }] });
    expect(scrapeJob(yml, "chat-api").static_configs).toEqual([{ targets: ["host.docker.internal:8000"] }]);
  });
});

describe("Kubernetes", () => {
  test("a Deployment of the pinned Node image runs the bundle with the Services' addresses", () => {
    const demo = container(cluster, "demo");
    expect(demo.image).toBe(PINNED_IMAGES.demo);
    expect(demo.args).toEqual(ARGS);
    expect(demo.ports).toEqual([{ name: "http", containerPort: 8000, protocol: "TCP" }]);
    expect(workload(cluster, "demo").type).toBe(K8S.deployment);
    expect(cluster.named(K8S.service, "demo").inputs.spec).toMatchObject({ type: "ClusterIP", ports: [{ name: "http", port: 8000 }] });
  });

  test("probes on /healthz, small requests and limits, non-root as node (1000), a read-only root", () => {
    const demo = container(cluster, "demo");
    for (const probe of [demo.startupProbe, demo.livenessProbe, demo.readinessProbe]) expect(probe.httpGet).toEqual({ path: "/healthz", port: 8000, scheme: "HTTP" });
    expect(demo.resources).toEqual({ requests: { cpu: "50m", memory: "96Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
    expect(demo.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(podSpec(cluster, "demo").automountServiceAccountToken).toBe(false);
  });

  test("the bundle is a ConfigMap key mounted where node runs it, well under the 1 MiB limit", () => {
    const bundle = configFilesInPod(cluster, "demo").get(DEMO_BUNDLE_PATH)!;
    expect(bundle).toBe(demoBundle());
    const configMap = cluster.ofType(K8S.configMap).find((c) => c.name === "demo-config")!;
    const bytes = Buffer.byteLength(JSON.stringify(configMap.inputs));
    // About 200 kB: the libraries' ES module builds, minified.
    expect(bytes).toBeLessThan(CONFIG_MAP_MAX_BYTES / 4);
    expect(configMap.inputs.immutable).toBe(true);
  });

  test("Prometheus scrapes it at its Service as the LLM job llm-demo", () => {
    const yml = configFilesInPod(cluster, "prometheus").get("/etc/prometheus/prometheus.yml")!;
    expect(scrapeJob(yml, "llm-demo").static_configs).toEqual([{ targets: ["demo:8000"] }]);
  });

  test("NetworkPolicies: Prometheus in to the demo; the demo in to Prometheus (OTLP metrics) and to Jaeger's OTLP/HTTP only", () => {
    const policy = (name: string) => cluster.named(K8S.networkPolicy, name).inputs.spec;
    const from = (...names: string[]) => names.map((name) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "llmobs" } } }));
    expect(policy("demo").ingress).toEqual([{ from: from("prometheus"), ports: [{ port: 8000, protocol: "TCP" }] }]);
    expect(policy("prometheus").ingress[1].from).toEqual(from("grafana", "jaeger", "demo"));
    const jaeger = policy("jaeger").ingress;
    expect(jaeger[1].from).toEqual(from("prometheus", "grafana"));
    expect(jaeger[2]).toEqual({ from: from("demo"), ports: [{ port: 4318, protocol: "TCP" }] });
  });

  test("every object validates against the Kubernetes API schema", () => {
    expect(validateManifests(manifests(cluster))).toEqual([]);
  });
});
