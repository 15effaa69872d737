import { beforeAll, describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { configFilesInPod, container, K8S, manifests, podSpec, workload } from "../support/kubernetes/programRun.ts";

/**
 * The cluster stack with Jaeger (on OpenSearch) and Grafana (on PostgreSQL) replicated, NetworkPolicies on:
 * Deployments of identical pods with no volume, a PodDisruptionBudget, anti-affinity and a headless
 * Service each; Grafana's replicas gossip their alerting; Prometheus scrapes each pod.
 */
const SECRET_VALUES = { "llmobs:grafanaAdminPassword": "admin-password-chosen", "llmobs:grafanaDatabasePassword": "postgres-password-value" };

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:jaeger": { replicas: 3, storage: { backend: "opensearch", servers: ["https://opensearch.example.com:9200"] } },
      "llmobs:grafana": { replicas: 2, database: { type: "postgres", host: "postgres.db.svc:5432" } },
      "llmobs:kubernetes": { namespace: "obs", networkPolicy: true },
      ...SECRET_VALUES,
    },
    { stack: "cluster", secretKeys: Object.keys(SECRET_VALUES) },
  );
});

const selector = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "llmobs" });

describe("replicas without data of their own run as Deployments", () => {
  test("Jaeger and Grafana are Deployments of N pods that roll one at a time; no claim, no claim template, no data volume", () => {
    expect(run.ofType(K8S.statefulSet)).toEqual([]);
    expect(run.ofType(K8S.claim).map((c) => c.name).sort()).toEqual(["alertmanager-data", "prometheus-data"]);
    for (const [name, replicas] of [["jaeger", 3], ["grafana", 2]] as const) {
      expect(workload(run, name).inputs.spec, name).toMatchObject({
        replicas,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        selector: { matchLabels: selector(name) },
      });
      expect(workload(run, name).inputs.spec.volumeClaimTemplates, name).toBeUndefined();
      expect(podSpec(run, name).volumes.filter((v: any) => v.persistentVolumeClaim), name).toEqual([]);
      expect(workload(run, name).options.dependencies, name).toContain(
        `urn:pulumi:cluster::llmobs::llmobs:kubernetes:Component$kubernetes:core/v1:Service::${name}-headless`,
      );
    }
  });

  test("a PodDisruptionBudget and anti-affinity for each, as for the StatefulSets", () => {
    for (const name of ["jaeger", "grafana"]) {
      expect(run.named(K8S.podDisruptionBudget, name).inputs.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selector(name) } });
      expect(podSpec(run, name).affinity).toEqual({
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: selector(name) }, topologyKey: "kubernetes.io/hostname" } },
          ],
        },
      });
    }
    expect(run.ofType(K8S.podDisruptionBudget).map((p) => p.name).sort()).toEqual(["grafana", "jaeger"]);
    for (const name of ["alertmanager", "prometheus"]) expect(podSpec(run, name).affinity, name).toBeUndefined();
  });

  test("the client Services are as they were; the headless ones resolve to every pod, Grafana's with its gossip ports", () => {
    expect(run.named(K8S.service, "grafana").inputs.spec).toEqual({
      type: "ClusterIP",
      selector: selector("grafana"),
      ports: [{ name: "http", port: 3000, targetPort: "http", protocol: "TCP" }],
    });
    expect(run.named(K8S.service, "grafana-headless").inputs.spec).toEqual({
      clusterIP: "None",
      publishNotReadyAddresses: true,
      selector: selector("grafana"),
      ports: [
        { name: "http", port: 3000, targetPort: "http", protocol: "TCP" },
        { name: "cluster-tcp", port: 9094, targetPort: "cluster-tcp", protocol: "TCP" },
        { name: "cluster-udp", port: 9094, targetPort: "cluster-udp", protocol: "UDP" },
      ],
    });
    expect(run.named(K8S.service, "jaeger-headless").inputs.spec.ports.map((p: any) => p.port)).toEqual(
      run.named(K8S.service, "jaeger").inputs.spec.ports.map((p: any) => p.port),
    );
  });
});

describe("Grafana's replicas", () => {
  test("gossip their alerting through the headless Service, each advertising its pod IP; sessions are in the shared database", () => {
    const c = container(run, "grafana");
    const env = Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toMatchObject({
      GF_UNIFIED_ALERTING_HA_PEERS: "grafana-headless.obs.svc:9094",
      GF_UNIFIED_ALERTING_HA_LISTEN_ADDRESS: "0.0.0.0:9094",
      GF_UNIFIED_ALERTING_HA_ADVERTISE_ADDRESS: "[$__env{POD_IP}]:9094",
      POD_IP: { fieldRef: { fieldPath: "status.podIP" } },
      GF_DATABASE_TYPE: "postgres",
    });
    expect(c.ports).toEqual([
      { name: "http", containerPort: 3000, protocol: "TCP" },
      { name: "cluster-tcp", containerPort: 9094, protocol: "TCP" },
      { name: "cluster-udp", containerPort: 9094, protocol: "UDP" },
    ]);
  });

  test("the NetworkPolicy admits gossip from Grafana's own pods only", () => {
    expect(run.named(K8S.networkPolicy, "grafana").inputs.spec.ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: selector("grafana") } }],
      ports: [
        { port: 9094, protocol: "TCP" },
        { port: 9094, protocol: "UDP" },
      ],
    });
    expect(JSON.stringify(run.named(K8S.networkPolicy, "jaeger").inputs.spec)).not.toContain("9094");
  });
});

describe("Jaeger's replicas", () => {
  test("are identical: the same config, no gossip, no environment of their own", () => {
    const c = container(run, "jaeger");
    expect(c.env).toEqual([]);
    expect(c.ports.map((p: any) => p.name)).not.toContain("cluster-tcp");
    const config = load(configFilesInPod(run, "jaeger").get("/etc/jaeger/config.yaml")!) as any;
    expect(Object.keys(config.extensions.jaeger_storage.backends)).toEqual(["opensearch_store"]);
  });
});

test("Prometheus scrapes each Jaeger and Grafana pod through pod discovery in the stack's namespace, labelled with the pod", () => {
  const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  for (const [job, component, port] of [
    ["jaeger", "jaeger", 8888],
    ["jaeger-spanmetrics", "jaeger", 8889],
    ["grafana", "grafana", 3000],
  ] as const) {
    const scrape = yml.scrape_configs.find((j: any) => j.job_name === job);
    expect(scrape.static_configs, job).toBeUndefined();
    expect(scrape.kubernetes_sd_configs, job).toEqual([
      { role: "pod", namespaces: { names: ["obs"] }, selectors: [{ role: "pod", label: `app.kubernetes.io/name=${component},app.kubernetes.io/instance=llmobs` }] },
    ]);
    expect(scrape.relabel_configs, job).toEqual([
      { source_labels: ["__meta_kubernetes_pod_phase"], regex: "Pending|Succeeded|Failed", action: "drop" },
      { source_labels: ["__meta_kubernetes_pod_container_port_number"], regex: String(port), action: "keep" },
      { source_labels: ["__meta_kubernetes_pod_name"], target_label: "instance" },
    ]);
  }
  // One Alertmanager and one Prometheus: still their Service addresses.
  expect(yml.scrape_configs.find((j: any) => j.job_name === "alertmanager").static_configs).toEqual([{ targets: ["alertmanager:9093"] }]);
});

test("every object passes the Kubernetes API schema, field names included", () => {
  expect(validateManifests(manifests(run))).toEqual([]);
});
