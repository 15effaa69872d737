import { beforeAll, describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { configFilesInPod, container, K8S, manifests, podSpec, stackFileConfig, workload } from "../support/kubernetes/programRun.ts";

/** The cluster stack with an Alertmanager cluster of three and a Prometheus HA pair, NetworkPolicies on, a StorageClass named. */
let run: ProgramRun;

beforeAll(async () => {
  const config = stackFileConfig("cluster");
  run = await runProgram(
    "program/index.ts",
    {
      ...config,
      "llmobs:alertmanager": { replicas: 3 },
      "llmobs:prometheus": { replicas: 2 },
      "llmobs:kubernetes": { namespace: "obs", storageClass: "fast-ssd", storage: { alertmanager: "2Gi" }, networkPolicy: true },
      "llmobs:dataEpochs": { alertmanager: 2 },
    },
    { stack: "cluster" },
  );
});

const selector = (name: string) => ({ "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "llmobs" });

describe("replicated components run as StatefulSets", () => {
  test("Alertmanager and Prometheus are StatefulSets, the rest as they were; no claim of their own for either", () => {
    expect(run.ofType(K8S.statefulSet).map((s) => s.name).sort()).toEqual(["alertmanager", "prometheus"]);
    expect(run.ofType(K8S.deployment).map((d) => d.name).sort()).toEqual(["grafana", "jaeger"]);
    expect(run.ofType(K8S.daemonSet).map((d) => d.name)).toEqual(["node-exporter"]);
    expect(run.ofType(K8S.claim).map((c) => c.name).sort()).toEqual(["grafana-data", "jaeger-data"]);
  });

  test("each replica gets its own claim from a template named as the one instance's claim, with the epoch, size and class", () => {
    const spec = workload(run, "alertmanager").inputs.spec;
    expect(spec).toMatchObject({ serviceName: "alertmanager-headless", replicas: 3, podManagementPolicy: "Parallel", selector: { matchLabels: selector("alertmanager") } });
    expect(spec.volumeClaimTemplates).toEqual([
      {
        metadata: {
          name: "llmobs-alertmanager-data-2",
          labels: {
            ...selector("alertmanager"),
            "app.kubernetes.io/component": "server",
            "app.kubernetes.io/part-of": "llmobs",
            "app.kubernetes.io/managed-by": "pulumi",
            "llmobs.dev/data-epoch": "2",
          },
        },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } }, storageClassName: "fast-ssd" },
      },
    ]);
    // Kept when scaled down or deleted: only the data commands delete data.
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: "Retain", whenScaled: "Retain" });
    const mount = container(run, "alertmanager").volumeMounts.find((m: any) => m.mountPath === "/alertmanager");
    expect(mount).toEqual({ name: "llmobs-alertmanager-data-2", mountPath: "/alertmanager" });
    expect(podSpec(run, "alertmanager").volumes.map((v: any) => v.name)).not.toContain("llmobs-alertmanager-data-2");
    expect(workload(run, "prometheus").inputs.spec).toMatchObject({ serviceName: "prometheus-headless", replicas: 2 });
    expect(workload(run, "prometheus").inputs.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe("15Gi");
  });

  test("a reset (a new epoch) replaces the StatefulSet, deleting it first; it waits for the StorageClass read and its headless Service", () => {
    const statefulSet = workload(run, "alertmanager");
    expect(statefulSet.options.replacementTrigger).toBe(2);
    expect(statefulSet.options.deleteBeforeReplace).toBe(true);
    expect(statefulSet.options.retainOnDelete).toBeFalsy();
    expect(statefulSet.options.dependencies).toEqual(
      expect.arrayContaining([
        "urn:pulumi:cluster::llmobs::kubernetes:storage.k8s.io/v1:StorageClass::kubernetes.storageClass",
        "urn:pulumi:cluster::llmobs::llmobs:kubernetes:Component$kubernetes:core/v1:Service::alertmanager-headless",
      ]),
    );
    expect(statefulSet.options.customTimeouts.create).toBe("10m");
    expect(workload(run, "prometheus").options.customTimeouts.create).toBe("20m");
  });

  test("a headless Service gives each pod its DNS name, published before it is ready, with the gossip ports; the client Service is as it was", () => {
    expect(run.named(K8S.service, "alertmanager-headless").inputs).toMatchObject({
      metadata: { name: "alertmanager-headless", namespace: "obs" },
      spec: {
        clusterIP: "None",
        publishNotReadyAddresses: true,
        selector: selector("alertmanager"),
        ports: [
          { name: "http", port: 9093, targetPort: "http", protocol: "TCP" },
          { name: "cluster-tcp", port: 9094, targetPort: "cluster-tcp", protocol: "TCP" },
          { name: "cluster-udp", port: 9094, targetPort: "cluster-udp", protocol: "UDP" },
        ],
      },
    });
    expect(run.named(K8S.service, "prometheus-headless").inputs.spec.ports).toEqual([{ name: "http", port: 9090, targetPort: "http", protocol: "TCP" }]);
    expect(run.named(K8S.service, "alertmanager").inputs.spec).toEqual({
      type: "ClusterIP",
      selector: selector("alertmanager"),
      ports: [{ name: "http", port: 9093, targetPort: "http", protocol: "TCP" }],
    });
  });

  test("a PodDisruptionBudget lets a drain take one replica at a time", () => {
    for (const name of ["alertmanager", "prometheus"]) {
      expect(run.named(K8S.podDisruptionBudget, name).inputs.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: selector(name) } });
    }
    expect(run.ofType(K8S.podDisruptionBudget)).toHaveLength(2);
  });

  test("replicas prefer different nodes; the one-instance components have no affinity", () => {
    for (const name of ["alertmanager", "prometheus"]) {
      expect(podSpec(run, name).affinity).toEqual({
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: selector(name) }, topologyKey: "kubernetes.io/hostname" } },
          ],
        },
      });
    }
    for (const name of ["grafana", "jaeger"]) expect(podSpec(run, name).affinity, name).toBeUndefined();
  });
});

describe("the Alertmanager cluster", () => {
  test("each replica gossips with all three by DNS name, advertising its pod IP from the downward API", () => {
    const c = container(run, "alertmanager");
    expect(c.args.filter((arg: string) => arg.startsWith("--cluster."))).toEqual([
      "--cluster.listen-address=0.0.0.0:9094",
      "--cluster.advertise-address=[$(POD_IP)]:9094",
      ...[0, 1, 2].map((n) => `--cluster.peer=alertmanager-${n}.alertmanager-headless.obs.svc:9094`),
    ]);
    expect(c.env).toEqual([{ name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } }]);
    expect(c.ports).toEqual([
      { name: "http", containerPort: 9093, protocol: "TCP" },
      { name: "cluster-tcp", containerPort: 9094, protocol: "TCP" },
      { name: "cluster-udp", containerPort: 9094, protocol: "UDP" },
    ]);
  });

  test("the NetworkPolicy admits gossip (TCP and UDP) from the Alertmanager pods only; clients still reach 9093 alone", () => {
    const ingress = run.named(K8S.networkPolicy, "alertmanager").inputs.spec.ingress;
    expect(ingress).toContainEqual({
      from: [{ podSelector: { matchLabels: selector("alertmanager") } }],
      ports: [
        { port: 9094, protocol: "TCP" },
        { port: 9094, protocol: "UDP" },
      ],
    });
    const others = ingress.filter((rule: any) => !rule.ports.some((p: any) => p.port === 9094));
    expect(others).toHaveLength(ingress.length - 1);
    for (const rule of others) expect(rule.ports).toEqual([{ port: 9093, protocol: "TCP" }]);
    // Nothing of Prometheus' changes: the pair needs no traffic between its replicas.
    expect(JSON.stringify(run.named(K8S.networkPolicy, "prometheus").inputs.spec)).not.toContain("prometheus-headless");
  });

  test("Prometheus sends each alert to every Alertmanager replica and scrapes each, through the headless names", () => {
    const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
    const replicas = [0, 1, 2].map((n) => `alertmanager-${n}.alertmanager-headless.obs.svc:9093`);
    expect(yml.alerting.alertmanagers).toEqual([{ static_configs: [{ targets: replicas }] }]);
    expect(yml.scrape_configs.find((job: any) => job.job_name === "alertmanager").static_configs).toEqual([{ targets: replicas }]);
  });
});

describe("the Prometheus HA pair", () => {
  test("each replica labels its series with its pod's name, set from the downward API, and drops the label from alerts", () => {
    expect(container(run, "prometheus").env).toEqual([{ name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }]);
    const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
    expect(yml.global.external_labels).toEqual({ prometheus_replica: "${POD_NAME}" });
    expect(yml.alerting.alert_relabel_configs).toEqual([{ action: "labeldrop", regex: "prometheus_replica" }]);
  });

  test("Grafana's datasource still points at the Prometheus Service", () => {
    const files = configFilesInPod(run, "grafana");
    const datasources = [...files.entries()].find(([path]) => path.includes("datasources"))![1];
    expect(datasources).toContain("http://prometheus:9090");
    expect(datasources).not.toContain("prometheus-headless");
  });
});

test("every object passes the Kubernetes API schema, field names included", () => {
  expect(validateManifests(manifests(run))).toEqual([]);
});
