import { beforeAll, expect, test } from "vitest";
import { load } from "js-yaml";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { configFilesInPod, container, K8S, manifests, podSpec } from "../support/kubernetes/programRun.ts";

/**
 * The cluster stack on stores outside it: Prometheus writing to Mimir with basic auth and a secret header,
 * the long-term datasource, Jaeger on Elasticsearch, Grafana on PostgreSQL. Every credential is a Secret
 * mounted as a file; none is in a ConfigMap or in plain text anywhere; Jaeger and Grafana claim no volume.
 */
const SECRET_VALUES = {
  "llmobs:grafanaAdminPassword": "admin-password-chosen",
  "llmobs:prometheusRemoteWritePassword": "remote-write-password-value",
  "llmobs:prometheusRemoteWriteHeaderValue": "remote-write-api-key-value",
  "llmobs:jaegerStoragePassword": "elasticsearch-password-value",
  "llmobs:grafanaDatabasePassword": "postgres-password-value",
};

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:namePrefix": "team-a",
      "llmobs:prometheus": {
        remoteWrite: {
          url: "https://mimir.example.com/api/v1/push",
          headers: { "X-Scope-OrgID": "team-a" },
          username: "team-a",
          secretHeader: "X-Api-Key",
          queryUrl: "https://mimir.example.com/prometheus",
        },
      },
      "llmobs:jaeger": { storage: { backend: "elasticsearch", servers: ["https://es.example.com:9200"], username: "jaeger" } },
      "llmobs:grafana": { database: { type: "postgres", host: "postgres.db.svc:5432" } },
      "llmobs:kubernetes": { networkPolicy: true },
      ...SECRET_VALUES,
    },
    { stack: "cluster", secretKeys: Object.keys(SECRET_VALUES) },
  );
});

/** The Secret each file a component's container sees under `dir` comes from, by path. */
function secretMounts(component: string): Record<string, string> {
  const spec = podSpec(run, component);
  return Object.fromEntries(
    spec.containers[0].volumeMounts
      .map((mount: any) => [mount.mountPath, spec.volumes.find((v: any) => v.name === mount.name)?.secret?.secretName] as const)
      .filter(([, secret]: readonly [string, string | undefined]) => secret !== undefined),
  );
}

test("one Secret per credential, holding its value", () => {
  expect(Object.fromEntries(run.ofType(K8S.secret).map((s) => [s.inputs.metadata.name, s.inputs.stringData.value]))).toEqual({
    "grafana-admin-password": "admin-password-chosen",
    "prometheus-remote-write-password": "remote-write-password-value",
    "prometheus-remote-write-header-value": "remote-write-api-key-value",
    "jaeger-storage-password": "elasticsearch-password-value",
    "grafana-database-password": "postgres-password-value",
  });
});

test("each component mounts the Secrets it reads, where its config file names them", () => {
  expect(secretMounts("prometheus")).toEqual({
    "/etc/prometheus/secrets/remote-write-password": "prometheus-remote-write-password",
    "/etc/prometheus/secrets/remote-write-header-value": "prometheus-remote-write-header-value",
  });
  expect(secretMounts("grafana")).toEqual({
    "/etc/grafana/secrets/admin-password": "grafana-admin-password",
    "/etc/grafana/secrets/database-password": "grafana-database-password",
    "/etc/grafana/secrets/remote-write-password": "prometheus-remote-write-password",
    "/etc/grafana/secrets/remote-write-header-value": "prometheus-remote-write-header-value",
  });
  expect(secretMounts("jaeger")).toEqual({ "/etc/jaeger/secrets/storage-password": "jaeger-storage-password" });
  expect(secretMounts("alertmanager")).toEqual({});

  const prometheusYml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  expect(prometheusYml.remote_write[0].basic_auth.password_file).toBe("/etc/prometheus/secrets/remote-write-password");
  expect(prometheusYml.remote_write[0].http_headers["X-Api-Key"].files).toEqual(["/etc/prometheus/secrets/remote-write-header-value"]);
  expect(prometheusYml.global.external_labels).toEqual({ cluster: "team-a" });
  const jaegerYml = load(configFilesInPod(run, "jaeger").get("/etc/jaeger/config.yaml")!) as any;
  expect(jaegerYml.extensions.jaeger_storage.backends.elasticsearch_store.elasticsearch.auth.basic.password_file).toBe("/etc/jaeger/secrets/storage-password");
  const datasources = load(configFilesInPod(run, "grafana").get("/etc/grafana/provisioning/datasources/llmobs.yml")!) as any;
  expect(datasources.datasources.at(-1).secureJsonData.basicAuthPassword).toBe("$__file{/etc/grafana/secrets/remote-write-password}");
  expect(container(run, "grafana").env).toContainEqual({ name: "GF_DATABASE_PASSWORD", value: "$__file{/etc/grafana/secrets/database-password}" });
});

test("no secret value in any ConfigMap, environment variable or plain input: only inside Secrets, as secrets", () => {
  const values = Object.values(SECRET_VALUES);
  for (const configMap of run.ofType(K8S.configMap)) {
    const data = JSON.stringify(configMap.inputs.data);
    for (const value of values) expect(data, `${configMap.name} holds a secret`).not.toContain(value);
  }
  for (const resource of run.resources) {
    const plain = plainStrings(resource.wireInputs).join("\n");
    for (const value of values) expect(plain, `${resource.type} ${resource.name}`).not.toContain(value);
  }
  for (const secret of run.ofType(K8S.secret)) expect(plainStrings(secret.wireInputs.stringData)).toEqual([]);
});

test("Jaeger and Grafana on external stores claim no volume and mount none; Prometheus and Alertmanager keep theirs", () => {
  expect(run.ofType(K8S.claim).map((c) => c.inputs.metadata.name).sort()).toEqual(["team-a-alertmanager-data", "team-a-prometheus-data"]);
  for (const component of ["jaeger", "grafana"]) {
    expect(podSpec(run, component).volumes.filter((v: any) => v.persistentVolumeClaim), component).toEqual([]);
  }
});

test("the NetworkPolicies restrict only what comes in: the stores are reached as before", () => {
  for (const policy of run.ofType(K8S.networkPolicy)) expect(policy.inputs.spec.policyTypes).toEqual(["Ingress"]);
});

test("every object validates against the Kubernetes API schema", () => {
  expect(validateManifests(manifests(run))).toEqual([]);
});
