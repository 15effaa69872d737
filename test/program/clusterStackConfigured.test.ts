import { beforeAll, expect, test } from "vitest";
import { load } from "js-yaml";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { claimMountedAt, configFilesInPod, container, K8S, manifests, podSpec, workload } from "../support/kubernetes/programRun.ts";

const GIVEN_PASSWORD = "a-password-the-user-chose";

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:namePrefix": "team-a",
      "llmobs:kubernetes": {
        context: "prod-eu",
        clusterIdentifier: "arn:aws:eks:eu-west-1:123456789012:cluster/prod",
        namespace: "team-obs",
        storageClass: "fast-ssd",
        storage: { grafana: "5Gi", prometheus: "50Gi" },
        resources: { prometheus: { memoryLimit: "4Gi", memoryRequest: "1Gi" }, grafana: { cpuLimit: "2" } },
        serviceType: "LoadBalancer",
        ingress: { className: "nginx", tlsSecretName: "obs-tls", hosts: { grafana: "grafana.example.com", jaeger: "traces.example.com" } },
        networkPolicy: true,
      },
      "llmobs:dataEpochs": { prometheus: 3 },
      "llmobs:grafanaAdminPassword": GIVEN_PASSWORD,
    },
    { stack: "cluster", secretKeys: ["llmobs:grafanaAdminPassword"] },
  );
});

test("deploys through the named kubeconfig context into the named namespace", () => {
  expect(run.named(K8S.provider, "kubernetes").inputs).toMatchObject({
    context: "prod-eu",
    clusterIdentifier: "arn:aws:eks:eu-west-1:123456789012:cluster/prod",
  });
  expect(run.named(K8S.namespace, "namespace").inputs.metadata.name).toBe("team-obs");
  expect(workload(run, "grafana").inputs.metadata.namespace).toBe("team-obs");
  expect(run.named(K8S.clusterRole, "prometheus-discovery").inputs.metadata.name).toBe("team-obs-prometheus");
});

test("the configured StorageClass is read from the cluster before any claim, so a missing one stops `up` before it changes anything", () => {
  expect(run.reads).toEqual([
    { type: "kubernetes:storage.k8s.io/v1:StorageClass", name: "kubernetes.storageClass", id: "fast-ssd", provider: expect.stringContaining("::kubernetes::") },
  ]);
  const read = "urn:pulumi:cluster::llmobs::kubernetes:storage.k8s.io/v1:StorageClass::kubernetes.storageClass";
  for (const claim of run.ofType(K8S.claim)) expect(claim.options.dependencies, claim.name).toContain(read);
});

test("claims use the storage class and sizes from config", () => {
  expect(run.named(K8S.claim, "grafana-data").inputs.spec).toEqual({
    accessModes: ["ReadWriteOnce"],
    resources: { requests: { storage: "5Gi" } },
    storageClassName: "fast-ssd",
  });
  expect(run.named(K8S.claim, "jaeger-data").inputs.spec.resources.requests.storage).toBe("10Gi");
});

test("a bumped data epoch is a new claim, mounted where the data lives", () => {
  const claim = run.named(K8S.claim, "prometheus-data");
  expect(claim.inputs.metadata.name).toBe("team-a-prometheus-data-3");
  expect(claim.inputs.metadata.labels["llmobs.dev/data-epoch"]).toBe("3");
  expect(claim.options.replacementTrigger).toBe(3);
  expect(claimMountedAt(run, "prometheus", "/prometheus")).toBe("team-a-prometheus-data-3");
  expect(run.named(K8S.claim, "grafana-data").inputs.metadata.name).toBe("team-a-grafana-data");
});

test("resource overrides replace only the values they name", () => {
  expect(container(run, "prometheus").resources).toEqual({ requests: { cpu: "200m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } });
  expect(container(run, "grafana").resources.limits).toEqual({ cpu: "2", memory: "1Gi" });
});

test("peers keep ClusterIP Services with every port; LoadBalancer Services publish only the UI and ingest ports", () => {
  const services = run.ofType(K8S.service);
  const internal = services.filter((s) => !s.name.endsWith("-external"));
  expect(internal.map((s) => s.inputs.spec.type)).toEqual(["ClusterIP", "ClusterIP", "ClusterIP", "ClusterIP"]);
  expect(run.named(K8S.service, "jaeger").inputs.spec.ports.map((p: any) => p.name)).toEqual(["ui", "otlp-grpc", "otlp-http", "collector", "health", "metrics", "span-metrics"]);
  const external = services.filter((s) => s.name.endsWith("-external"));
  expect(external.map((s) => s.inputs.metadata.name).sort()).toEqual(["alertmanager-external", "grafana-external", "jaeger-external", "prometheus-external"]);
  for (const service of external) {
    expect(service.inputs.spec.type).toBe("LoadBalancer");
    // kind and minikube never assign an address: `up` must not wait ten minutes for one.
    expect(service.inputs.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
    expect(service.inputs.spec.selector).toEqual(run.named(K8S.service, service.name.replace(/-external$/, "")).inputs.spec.selector);
    expect(service.options.deleteBeforeReplace).toBe(true);
  }
  expect(run.named(K8S.service, "jaeger-external").inputs.spec.ports).toEqual([
    { name: "ui", port: 16686, targetPort: "ui", protocol: "TCP" },
    { name: "otlp-grpc", port: 4317, targetPort: "otlp-grpc", protocol: "TCP" },
    { name: "otlp-http", port: 4318, targetPort: "otlp-http", protocol: "TCP" },
    { name: "collector", port: 14268, targetPort: "collector", protocol: "TCP" },
  ]);
  expect(run.named(K8S.service, "grafana-external").inputs.spec.ports.map((p: any) => p.port)).toEqual([3000]);
});

test("an Ingress per UI given a host, with the class and TLS from config, not waited on for an address", () => {
  expect(run.ofType(K8S.ingress).map((i) => i.name).sort()).toEqual(["grafana", "jaeger"]);
  for (const ingress of run.ofType(K8S.ingress)) expect(ingress.inputs.metadata.annotations).toEqual({ "pulumi.com/skipAwait": "true" });
  expect(run.named(K8S.ingress, "jaeger").inputs.spec).toEqual({
    ingressClassName: "nginx",
    tls: [{ hosts: ["traces.example.com"], secretName: "obs-tls" }],
    rules: [
      {
        host: "traces.example.com",
        http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "jaeger", port: { name: "ui" } } } }] },
      },
    ],
  });
});

test("Grafana behind its Ingress writes its links with the Ingress URL; Prometheus, without one, keeps its own", () => {
  expect(container(run, "grafana").env).toContainEqual({ name: "GF_SERVER_ROOT_URL", value: "https://grafana.example.com/" });
  expect(container(run, "prometheus").args.some((arg: string) => arg.startsWith("--web.external-url"))).toBe(false);
});

test("outputs the Ingress URLs, and port-forwards only what no Ingress serves", () => {
  expect(run.outputs.grafanaUrl).toBe("https://grafana.example.com");
  expect(run.outputs.jaegerUrl).toBe("https://traces.example.com");
  expect(run.outputs.portForwardCommands).toEqual({
    prometheus: "kubectl --context prod-eu --namespace team-obs port-forward service/prometheus 9090:9090",
    jaeger: "kubectl --context prod-eu --namespace team-obs port-forward service/jaeger 4317:4317 4318:4318 14268:14268",
    alertmanager: "kubectl --context prod-eu --namespace team-obs port-forward service/alertmanager 9093:9093",
  });
  expect(run.outputs.otlpGrpcEndpoint).toBe("http://jaeger.team-obs.svc:4317");
});

test("NetworkPolicies admit published ports from anywhere, and everything else only from the components that use it", () => {
  const policy = (name: string) => run.named(K8S.networkPolicy, name).inputs.spec;
  const from = (...names: string[]) => names.map((name) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "team-a" } } }));
  // node-exporter runs on the node's network, where NetworkPolicies do not reach.
  expect(run.ofType(K8S.networkPolicy).map((p) => p.name)).not.toContain("node-exporter");
  expect(policy("grafana").ingress).toEqual([
    { ports: [{ port: 3000, protocol: "TCP" }] },
    { from: from("prometheus"), ports: [{ port: 3000, protocol: "TCP" }] },
  ]);
  const jaeger = policy("jaeger").ingress;
  expect(jaeger[0].ports.map((p: any) => p.port)).toEqual([16686, 4317, 4318, 14268]);
  expect(jaeger[1].from).toEqual(from("prometheus", "grafana"));
  expect(jaeger[1].ports.map((p: any) => p.port)).toEqual([16686, 4317, 4318, 14268, 13133, 8888, 8889]);
  // Jaeger's Monitor tab reads the span metrics back from Prometheus.
  expect(policy("prometheus").ingress[1].from).toEqual(from("grafana", "jaeger"));
  expect(policy("alertmanager").ingress[1].from).toEqual(from("prometheus", "grafana"));
});

test("node-exporter is discovered by the stack's own labels in its namespace", () => {
  const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
  const job = yml.scrape_configs.find((j: any) => j.job_name === "node-exporter");
  expect(job.kubernetes_sd_configs[0].namespaces).toEqual({ names: ["team-obs-node-exporter"] });
  expect(job.kubernetes_sd_configs[0].selectors[0].label).toBe("app.kubernetes.io/name=node-exporter,app.kubernetes.io/instance=team-a");
  expect(podSpec(run, "node-exporter").containers[0].name).toBe("node-exporter");
});

test("a given password is used as is, generated none, and stays secret", () => {
  expect(run.ofType("random:index/randomPassword:RandomPassword")).toEqual([]);
  expect(run.named(K8S.secret, "grafana-admin-password").inputs.stringData).toEqual({ value: GIVEN_PASSWORD });
  for (const resource of run.resources) expect(plainStrings(resource.wireInputs)).not.toContain(GIVEN_PASSWORD);
});

test("every object, Ingresses and NetworkPolicies included, validates against the Kubernetes API schema", () => {
  const all = manifests(run);
  // 2 Ingresses (grafana, jaeger) and a NetworkPolicy per component but node-exporter.
  expect(all.filter((m) => m.kind === "Ingress" || m.kind === "NetworkPolicy")).toHaveLength(6);
  expect(validateManifests(all)).toEqual([]);
});
