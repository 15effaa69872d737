import { beforeAll, describe, expect, test } from "vitest";
import { load } from "js-yaml";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import {
  claimMountedAt,
  configFilesInPod,
  container,
  K8S,
  kubernetesObjects,
  manifests,
  podSpec,
  stackFileConfig,
  workload,
} from "../support/kubernetes/programRun.ts";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import { describeStack } from "../../components/stack.ts";
import { readFileSync } from "node:fs";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const GENERATED_PASSWORD = "generated-password-for-tests";

// The committed cluster stack, as `pulumi up --stack cluster` runs it.
const description = describeStack(parseStackDocument(readFileSync(new URL("../../stacks/Pulumi.cluster.yaml", import.meta.url), "utf8"), STACK_FACTS));
const component = (name: string) => description.components.find((c) => c.name === name)!;

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram("program/index.ts", stackFileConfig("cluster"), { stack: "cluster" });
});

describe("the cluster stack on Kubernetes", () => {
  test("uses one provider for the current kubeconfig context, with server-side apply, for every object", () => {
    const [provider, ...others] = run.ofType(K8S.provider);
    expect(others).toEqual([]);
    expect(provider!.inputs.enableServerSideApply).toBe("true");
    expect(provider!.inputs.context).toBeUndefined();
    for (const object of kubernetesObjects(run)) {
      expect(object.options.provider, `${object.type} ${object.name}`).toMatch(/::pulumi:providers:kubernetes::kubernetes::/);
    }
  });

  test("names the cluster for Pulumi, so a renamed context does not replace the provider and every object with it", () => {
    expect(run.named(K8S.provider, "kubernetes").inputs.clusterIdentifier).toBe("default");
  });

  test("deletes every object before applying its replacement, unless it is kept: all of them have fixed names", () => {
    for (const object of kubernetesObjects(run)) {
      const kept = object.options.retainOnDelete === true;
      expect(object.options.deleteBeforeReplace || kept, `${object.type} ${object.name}`).toBe(true);
    }
  });

  test("applies the kept objects under one fixed field manager, and labels claims only with labels that never change", () => {
    const kept = kubernetesObjects(run).filter((object) => object.options.retainOnDelete);
    expect(kept.map((object) => object.type).sort()).toEqual([K8S.namespace, ...Array(4).fill(K8S.claim)].sort());
    for (const object of kept) {
      expect(object.inputs.metadata.annotations?.["pulumi.com/patchFieldManager"], `${object.type} ${object.name}`).toBe("llmobs");
      expect(Object.keys(object.inputs.metadata.labels)).not.toContain("app.kubernetes.io/version");
    }
    expect(workload(run, "grafana").inputs.metadata.labels["app.kubernetes.io/version"]).toBe("12.3.1");
  });

  test("creates its namespace, and keeps it (with the data in it) on destroy", () => {
    const namespace = run.named(K8S.namespace, "namespace");
    expect(namespace.inputs.metadata.name).toBe("llmobs");
    expect(namespace.options.retainOnDelete).toBe(true);
    for (const object of kubernetesObjects(run)) {
      const cluster = [K8S.namespace, K8S.clusterRole, K8S.clusterRoleBinding] as string[];
      if (cluster.includes(object.type) || object.name === "node-exporter") continue;
      expect(object.inputs.metadata.namespace, `${object.type} ${object.name}`).toBe("llmobs");
    }
  });

  test("enforces Pod Security restricted on its namespace; node-exporter alone runs in a privileged namespace of its own", () => {
    const labels = (name: string) => run.named(K8S.namespace, name).inputs.metadata.labels;
    expect(labels("namespace")).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "latest",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    });
    const privileged = run.named(K8S.namespace, "privileged-namespace");
    expect(privileged.inputs.metadata.name).toBe("llmobs-node-exporter");
    expect(labels("privileged-namespace")).toMatchObject({ "pod-security.kubernetes.io/enforce": "privileged" });
    // It holds no data: `pulumi destroy` removes it.
    expect(privileged.options.retainOnDelete).toBeFalsy();
    expect(workload(run, "node-exporter").inputs.metadata.namespace).toBe("llmobs-node-exporter");
  });

  test("node-exporter runs on the node's network, so its network counters are the node's, and still resolves Services", () => {
    expect(podSpec(run, "node-exporter")).toMatchObject({ hostNetwork: true, dnsPolicy: "ClusterFirstWithHostNet" });
    expect(container(run, "node-exporter").args).toContain("--web.listen-address=:9100");
    for (const name of ["prometheus", "grafana", "jaeger", "alertmanager"]) expect(podSpec(run, name).hostNetwork, name).toBeUndefined();
  });

  test("runs Prometheus, Grafana and Jaeger as one-pod Deployments that recreate, node-exporter as a DaemonSet", () => {
    expect(run.ofType(K8S.deployment).map((d) => d.inputs.metadata.name).sort()).toEqual(["alertmanager", "grafana", "jaeger", "prometheus"]);
    for (const deployment of run.ofType(K8S.deployment)) {
      expect(deployment.inputs.spec.replicas).toBe(1);
      expect(deployment.inputs.spec.strategy).toEqual({ type: "Recreate" });
      expect(deployment.options.deleteBeforeReplace).toBe(true);
    }
    expect(run.ofType(K8S.daemonSet).map((d) => d.inputs.metadata.name)).toEqual(["node-exporter"]);
  });

  test("one replica of each (the default): no StatefulSet, headless Service, PodDisruptionBudget or anti-affinity; Alertmanager joins no cluster", () => {
    expect(run.ofType(K8S.statefulSet)).toEqual([]);
    expect(run.ofType(K8S.podDisruptionBudget)).toEqual([]);
    expect(run.ofType(K8S.service).filter((s) => s.inputs.spec.clusterIP === "None")).toEqual([]);
    for (const d of description.components) {
      expect(podSpec(run, d.name).affinity, d.name).toBeUndefined();
      expect(container(run, d.name).env.filter((e: any) => e.valueFrom), d.name).toEqual([]);
    }
    expect(container(run, "alertmanager").args.filter((arg: string) => arg.startsWith("--cluster."))).toEqual(["--cluster.listen-address="]);
  });

  test("runs each pinned image with the description's arguments and ports", () => {
    for (const d of description.components) {
      const c = container(run, d.name);
      expect(c.image).toBe(d.image);
      expect(c.args).toEqual(d.args);
      expect(c.ports).toEqual(d.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })));
    }
  });

  test("gives each data-keeping component its own claim, mounted at the image's data directory and kept on delete", () => {
    const expected: Record<string, [string, string]> = {
      prometheus: ["/prometheus", "15Gi"],
      grafana: ["/var/lib/grafana", "2Gi"],
      jaeger: ["/tmp", "10Gi"],
      alertmanager: ["/alertmanager", "1Gi"],
    };
    expect(run.ofType(K8S.claim)).toHaveLength(4);
    for (const [name, [dataDir, size]] of Object.entries(expected)) {
      const claim = run.named(K8S.claim, `${name}-data`);
      expect(claim.inputs.metadata.name).toBe(`llmobs-${name}-data`);
      expect(claim.inputs.spec).toEqual({ accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } });
      expect(claim.options.retainOnDelete).toBe(true);
      expect(claim.options.replacementTrigger).toBe(0);
      expect(claimMountedAt(run, name, dataDir)).toBe(`llmobs-${name}-data`);
      expect(workload(run, name).options.replaceWith).toEqual([expect.stringContaining(`PersistentVolumeClaim::${name}-data`)]);
    }
  });

  test("mounts every rendered config file at its path, with the contents the Docker target ships", () => {
    for (const d of description.components) {
      const files = configFilesInPod(run, d.name);
      expect([...files.keys()].sort(), d.name).toEqual(d.configFiles.map((f) => f.mountPath).sort());
      for (const file of d.configFiles) expect(files.get(file.mountPath), file.mountPath).toBe(file.content);
    }
    expect(configFilesInPod(run, "jaeger").get("/etc/jaeger/config.yaml")).toContain("badger");
  });

  test("config files sit in immutable ConfigMaps named after their contents, so a change rolls the pods", () => {
    for (const configMap of run.ofType(K8S.configMap)) {
      expect(configMap.inputs.immutable).toBe(true);
      expect(configMap.inputs.metadata.name).toMatch(new RegExp(`^${configMap.name.replace(/-config$/, "")}-config-[0-9a-f]{10}$`));
    }
  });

  test("probes every container with its description's health check", () => {
    for (const d of description.components) {
      const c = container(run, d.name);
      const get = (path: string) => ({ path, port: d.healthCheck.port, scheme: "HTTP" });
      expect(c.livenessProbe).toMatchObject({ httpGet: get(d.healthCheck.path), periodSeconds: d.healthCheck.intervalSeconds });
      expect(c.readinessProbe.httpGet).toEqual(get(d.healthCheck.readyPath ?? d.healthCheck.path));
      expect(c.startupProbe.httpGet).toEqual(get(d.healthCheck.path));
      expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(d.healthCheck.startSeconds);
    }
    expect(container(run, "prometheus").readinessProbe.httpGet.path).toBe("/-/ready");
    expect(container(run, "jaeger").livenessProbe.httpGet).toEqual({ path: "/status", port: 13133, scheme: "HTTP" });
  });

  test("waits out slow first starts: Grafana's migrations, Badger's replay, Prometheus' write-ahead log", () => {
    const startup = (name: string) => {
      const probe = container(run, name).startupProbe;
      return probe.periodSeconds * probe.failureThreshold;
    };
    expect(startup("grafana")).toBeGreaterThanOrEqual(600);
    expect(startup("jaeger")).toBeGreaterThanOrEqual(300);
    const timeouts = Object.fromEntries(description.components.map((d) => [d.name, workload(run, d.name).options.customTimeouts]));
    expect(timeouts).toEqual({
      // Prometheus answers /-/healthy during the replay, but `up` waits for /-/ready: 15 minutes and the pull.
      prometheus: { create: "20m", update: "20m", delete: "" },
      grafana: { create: "16m", update: "16m", delete: "" },
      jaeger: { create: "11m", update: "11m", delete: "" },
      "node-exporter": { create: "10m", update: "10m", delete: "" },
      alertmanager: { create: "10m", update: "10m", delete: "" },
    });
    for (const d of description.components) {
      expect(Number.parseInt(timeouts[d.name]!.create) * 60, d.name).toBeGreaterThanOrEqual(startup(d.name) + 300);
    }
  });

  test("sets requests and limits from the descriptions", () => {
    for (const d of description.components) {
      expect(container(run, d.name).resources).toEqual({
        requests: { cpu: d.resources.cpuRequest, memory: d.resources.memoryRequest },
        limits: { cpu: d.resources.cpuLimit, memory: d.resources.memoryLimit },
      });
    }
  });

  test("runs every container non-root, without privilege escalation or capabilities, read-only where the image allows", () => {
    const expected: Record<string, [number, number, boolean]> = {
      prometheus: [65534, 65534, true],
      grafana: [472, 0, false],
      jaeger: [10001, 10001, true],
      "node-exporter": [65534, 65534, true],
      alertmanager: [65534, 65534, true],
    };
    for (const [name, [user, group, readOnly]] of Object.entries(expected)) {
      const pod = podSpec(run, name);
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: user, runAsGroup: group, fsGroup: group, seccompProfile: { type: "RuntimeDefault" } });
      expect(container(run, name).securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: user,
        runAsGroup: group,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ["ALL"] },
        readOnlyRootFilesystem: readOnly,
      });
      expect(pod.enableServiceLinks).toBe(false);
    }
  });

  test("node-exporter runs on every node in the host's PID namespace, reading /proc, /sys and / read-only", () => {
    const pod = podSpec(run, "node-exporter");
    expect(pod.hostPID).toBe(true);
    expect(pod.tolerations).toEqual([{ operator: "Exists" }]);
    const mounts = pod.containers[0].volumeMounts.map((m: any) => {
      const volume = pod.volumes.find((v: any) => v.name === m.name);
      return `${volume.hostPath.path}:${m.mountPath}:${m.readOnly ? "ro" : "rw"}`;
    });
    expect(mounts.sort()).toEqual(["/:/host/root:ro", "/proc:/host/proc:ro", "/sys:/host/sys:ro"]);
    // HostToContainer on / fails where / is not a shared mount (Docker Desktop's Kubernetes, k3d).
    for (const mount of pod.containers[0].volumeMounts) expect(mount.mountPropagation).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test("node-exporter reads the host's udev database, under the host's / it mounts, so disks keep their labels", () => {
    const args: string[] = container(run, "node-exporter").args;
    const udev = args.find((arg) => arg.startsWith("--path.udev.data="))?.split("=")[1];
    const rootfs = args.find((arg) => arg.startsWith("--path.rootfs="))?.split("=")[1];
    expect(udev).toBe(`${rootfs}/run/udev/data`);
    const pod = podSpec(run, "node-exporter");
    const rootMount = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === rootfs);
    expect(pod.volumes.find((v: any) => v.name === rootMount.name).hostPath.path).toBe("/");
  });

  test("runs every pod on Linux nodes only: the images are Linux images", () => {
    for (const d of description.components) expect(podSpec(run, d.name).nodeSelector, d.name).toEqual({ "kubernetes.io/os": "linux" });
  });

  test("starts Prometheus only after its ClusterRoleBinding exists, so discovery does not begin with forbidden errors", () => {
    const dependencies = workload(run, "prometheus").options.dependencies;
    for (const type of [K8S.serviceAccount, K8S.clusterRole, K8S.clusterRoleBinding]) {
      const [rbac] = run.ofType(type);
      expect(dependencies, type).toContain(rbac!.urn);
    }
  });

  test("names each Service after its component (ClusterIP), so the peers' addresses resolve as on Docker", () => {
    const services = run.ofType(K8S.service);
    expect(services.map((s) => s.inputs.metadata.name).sort()).toEqual(["alertmanager", "grafana", "jaeger", "prometheus"]);
    for (const service of services) {
      expect(service.inputs.spec.type).toBe("ClusterIP");
      const d = component(service.name);
      expect(service.inputs.spec.ports).toEqual(d.ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: p.protocol })));
      expect(service.inputs.spec.selector).toEqual({ "app.kubernetes.io/name": d.name, "app.kubernetes.io/instance": "llmobs" });
    }
    const datasources = configFilesInPod(run, "grafana").get("/etc/grafana/provisioning/datasources/llmobs.yml")!;
    expect(datasources).toContain("http://prometheus:9090");
    expect(datasources).toContain("http://jaeger:16686");
  });

  test("labels every object with the app.kubernetes.io labels", () => {
    for (const object of kubernetesObjects(run)) {
      const labels = object.inputs.metadata.labels ?? {};
      expect(labels["app.kubernetes.io/instance"], `${object.type} ${object.name}`).toBe("llmobs");
      expect(labels["app.kubernetes.io/managed-by"]).toBe("pulumi");
    }
    expect(workload(run, "prometheus").inputs.spec.template.metadata.labels).toMatchObject({
      "app.kubernetes.io/name": "prometheus",
      "app.kubernetes.io/version": "v3.7.3",
      "app.kubernetes.io/part-of": "llmobs",
    });
  });

  test("Prometheus discovers pods through its own ServiceAccount, read-only on pods, services, endpoints and nodes", () => {
    expect(run.named(K8S.serviceAccount, "prometheus-sa").inputs.metadata.name).toBe("prometheus");
    expect(podSpec(run, "prometheus")).toMatchObject({ serviceAccountName: "prometheus", automountServiceAccountToken: true });
    const role = run.named(K8S.clusterRole, "prometheus-discovery").inputs;
    expect(role.metadata.name).toBe("llmobs-prometheus");
    expect(role.rules).toEqual([{ apiGroups: [""], resources: ["pods", "services", "endpoints", "nodes"], verbs: ["get", "list", "watch"] }]);
    const binding = run.named(K8S.clusterRoleBinding, "prometheus-discovery").inputs;
    expect(binding.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "llmobs-prometheus" });
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "prometheus", namespace: "llmobs" }]);
    for (const name of ["grafana", "jaeger"]) expect(podSpec(run, name).automountServiceAccountToken).toBe(false);
  });

  test("Prometheus scrapes annotated pods and node-exporter per node through kubernetes_sd", () => {
    const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
    const jobs = Object.fromEntries(yml.scrape_configs.map((job: any) => [job.job_name, job]));
    expect(Object.keys(jobs)).toEqual(["llm-service", "prometheus", "grafana", "jaeger", "jaeger-spanmetrics", "node-exporter", "alertmanager", "kubernetes-pods"]);
    expect(jobs["node-exporter"].kubernetes_sd_configs).toEqual([
      {
        role: "pod",
        namespaces: { names: ["llmobs-node-exporter"] },
        selectors: [{ role: "pod", label: "app.kubernetes.io/name=node-exporter,app.kubernetes.io/instance=llmobs" }],
      },
    ]);
    expect(jobs["node-exporter"].static_configs).toBeUndefined();
    expect(jobs["kubernetes-pods"].relabel_configs[0]).toEqual({
      source_labels: ["__meta_kubernetes_pod_annotation_prometheus_io_scrape"],
      regex: "true",
      action: "keep",
    });
    expect(jobs["llm-service"].static_configs).toEqual([{ targets: ["llm-service.default.svc.cluster.local:8000"] }]);
  });

  test("Prometheus scrapes itself on loopback: through its own Service it would be hairpin traffic, which some clusters drop", () => {
    const yml = load(configFilesInPod(run, "prometheus").get("/etc/prometheus/prometheus.yml")!) as any;
    const self = yml.scrape_configs.find((job: any) => job.job_name === "prometheus");
    expect(self.static_configs).toEqual([{ targets: ["localhost:9090"] }]);
  });

  test("the Grafana password is a Secret mounted as a file, never in an environment variable or in plain text", () => {
    const secret = run.named(K8S.secret, "grafana-admin-password");
    expect(secret.inputs.stringData).toEqual({ value: GENERATED_PASSWORD });
    const pod = podSpec(run, "grafana");
    const mount = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === "/etc/grafana/secrets/admin-password");
    expect(pod.volumes.find((v: any) => v.name === mount.name).secret).toEqual({ secretName: "grafana-admin-password", defaultMode: 0o440 });
    expect(pod.containers[0].env).toContainEqual({ name: "GF_SECURITY_ADMIN_PASSWORD", value: "$__file{/etc/grafana/secrets/admin-password}" });
    for (const resource of run.resources) {
      expect(plainStrings(resource.wireInputs).filter((s) => s.includes(GENERATED_PASSWORD)), `${resource.type} ${resource.name}`).toEqual([]);
    }
    expect(JSON.stringify(secret.wireInputs)).toContain(GENERATED_PASSWORD);
  });

  test("reads no StorageClass when none is configured: the cluster's default is the preflight's to find", () => {
    expect(run.reads).toEqual([]);
  });

  test("creates no Ingress and no NetworkPolicy unless the config asks", () => {
    expect(run.ofType(K8S.ingress)).toEqual([]);
    expect(run.ofType(K8S.networkPolicy)).toEqual([]);
  });

  test("every object it registers validates against the Kubernetes API schema", () => {
    const kinds = new Set(manifests(run).map((m) => m.kind));
    expect([...kinds].sort()).toEqual([
      "ClusterRole", "ClusterRoleBinding", "ConfigMap", "DaemonSet", "Deployment", "Namespace",
      "PersistentVolumeClaim", "Secret", "Service", "ServiceAccount",
    ]);
    expect(validateManifests(manifests(run))).toEqual([]);
  });

  test("outputs port-forward commands for the UIs, localhost URLs behind them, and in-cluster telemetry addresses", () => {
    expect(run.outputs.portForwardCommands).toEqual({
      prometheus: "kubectl --namespace llmobs port-forward service/prometheus 9090:9090",
      grafana: "kubectl --namespace llmobs port-forward service/grafana 3005:3000",
      jaeger: "kubectl --namespace llmobs port-forward service/jaeger 16686:16686 4317:4317 4318:4318 14268:14268",
      alertmanager: "kubectl --namespace llmobs port-forward service/alertmanager 9093:9093",
    });
    expect(run.outputs).toMatchObject({
      grafanaUrl: "http://localhost:3005",
      prometheusUrl: "http://localhost:9090",
      jaegerUrl: "http://localhost:16686",
      otlpGrpcEndpoint: "http://jaeger.llmobs.svc:4317",
      otlpHttpEndpoint: "http://jaeger.llmobs.svc:4318",
      jaegerCollectorUrl: "http://jaeger.llmobs.svc:14268/api/traces",
      prometheusOtlpMetricsUrl: "http://prometheus.llmobs.svc:9090/api/v1/otlp/v1/metrics",
      kubernetesNamespace: "llmobs",
      grafanaPasswordCommand: "pulumi stack output grafanaAdminPassword --show-secrets --stack cluster",
    });
    expect(run.secretOutputs).toContain("grafanaAdminPassword");
  });
});
