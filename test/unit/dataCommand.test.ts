import { describe, expect, test } from "vitest";
import { parseDataArgs } from "../../cli/data/args.ts";
import { UsageError } from "../../cli/commandLine/run.ts";
import { dockerPlatform } from "../../cli/data/dockerPlatform.ts";
import { kubernetesPlatform } from "../../cli/data/kubernetesPlatform.ts";
import { planReset } from "../../cli/data/plan.ts";
import { parseDockerSize, formatBytes } from "../../cli/data/platform.ts";
import { ProgressView, formatSummary } from "../../cli/data/progress.ts";
import { dataPreflight } from "../../cli/data/preflight.ts";
import { runData } from "../../cli/data/run.ts";
import { describeStack } from "../../components/stack.ts";
import { FakePlatform } from "../support/pulumi/dataDoubles.ts";
import { checkPassphrase } from "../../cli/preflight/checks.ts";
import { stackSecretsProvider } from "../../cli/pulumi/secretsProvider.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

describe("arguments", () => {
  test("a verb and a component", () => {
    expect(parseDataArgs(["reset", "grafana", "--yes"])).toEqual({ verb: "reset", components: ["grafana"], stack: "local", yes: true, plan: false });
  });

  test("all is every component, in order", () => {
    expect(parseDataArgs(["status", "all", "--stack", "cluster"]).components).toEqual(["prometheus", "grafana", "jaeger", "node-exporter", "alertmanager", "demo"]);
  });

  test.each([
    [["restart", "grafana"], 'unknown command "restart"; the commands are start, reset, clean, status'],
    [["reset", "loki"], 'unknown component "loki"; the components are prometheus, grafana, jaeger, node-exporter, alertmanager, demo, all'],
    [["reset"], "which component?"],
    [[], "a command is required"],
    [["start", "grafana", "--plan"], "--plan applies to reset and clean"],
    [["reset", "grafana", "jaeger"], 'unexpected argument "jaeger"'],
  ])("%j: %s", (argv, message) => {
    expect(() => parseDataArgs(argv)).toThrow(UsageError);
    expect(() => parseDataArgs(argv)).toThrow(message);
  });
});

/** The stack's secrets provider when state is on the project's file backend, as it is by default. */
function onFileBackend() {
  return stackSecretsProvider("/nonexistent/Pulumi.local.yaml", {
    url: "file://./.pulumi-state",
    source: "Pulumi.yaml",
    kind: "file",
    stateDir: "/tmp/.pulumi-state",
  });
}

describe("preflight before any change", () => {
  const config = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);

  test("no Pulumi CLI, no Docker daemon: both reported, with what to do", async () => {
    const printed: string[] = [];
    const exec = fakeExec({ "docker version": { exitCode: 1, stderr: "Cannot connect to the Docker daemon" } });
    await expect(dataPreflight(config, exec, { needsPulumi: true, needsPassphrase: false, secretsProvider: onFileBackend, env: {}, print: (l) => printed.push(l) })).rejects.toThrow(
      "2 checks failed; nothing was changed",
    );
    expect(printed.join("\n")).toContain("FAIL Pulumi CLI: `pulumi` is not on PATH");
    expect(printed.join("\n")).toContain("FAIL Docker: the Docker daemon is not reachable");
  });

  test("the cluster unreachable", async () => {
    const cluster = parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS);
    const exec = fakeExec({ "pulumi version": { stdout: "v3.250.0" }, kubectl: { exitCode: 1, stderr: "The connection to the server was refused" } });
    const printed: string[] = [];
    await expect(dataPreflight(cluster, exec, { needsPulumi: true, needsPassphrase: false, secretsProvider: onFileBackend, env: {}, print: (l) => printed.push(l) })).rejects.toThrow(
      "1 check failed",
    );
    expect(printed.join("\n")).toMatch(/FAIL/);
  });

  test("the passphrase must come from the environment", () => {
    const provider = onFileBackend();
    expect(checkPassphrase({}, provider)).toMatchObject({ ok: false });
    expect(checkPassphrase({}, provider).fix).toContain("PULUMI_CONFIG_PASSPHRASE");
    expect(checkPassphrase({ PULUMI_CONFIG_PASSPHRASE: "" }, provider)).toMatchObject({ ok: true });
  });

  test("a Pulumi access token does not stand in for the passphrase of a stack on the file backend", () => {
    const check = checkPassphrase({ PULUMI_ACCESS_TOKEN: "pul-123" }, onFileBackend());
    expect(check).toMatchObject({ ok: false });
    expect(check.detail).toContain("file backend");
  });

  test("warnings are printed, and do not stop the command", async () => {
    const printed: string[] = [];
    const exec = fakeExec({ "pulumi version": { stdout: "v3.210.0\n" }, "docker version": { stdout: "28.2.2\n" } });
    await dataPreflight(config, exec, { needsPulumi: true, needsPassphrase: false, secretsProvider: onFileBackend, env: {}, print: (l) => printed.push(l) });
    expect(printed.join("\n")).toMatch(/warn Pulumi CLI: pulumi v3\.210\.0 is older than the project's SDK/);
  });
});

describe("the Docker side", () => {
  test("finds a component's volumes by label, with Docker's own sizes", async () => {
    const exec = fakeExec({
      "docker volume ls": { stdout: "llmobs-grafana-data\t0\nllmobs-grafana-data-1\t1\n" },
      "docker system df": {
        stdout: JSON.stringify({ Volumes: [{ Name: "llmobs-grafana-data", Size: "1.5GB" }, { Name: "llmobs-grafana-data-1", Size: "12.3kB" }] }) + "\n",
      },
    });
    const volumes = await dockerPlatform(exec, "llmobs").volumes("grafana");
    expect(volumes).toEqual([
      { name: "llmobs-grafana-data", epoch: 0, bytes: 1.5e9 },
      { name: "llmobs-grafana-data-1", epoch: 1, bytes: 12300 },
    ]);
    expect(exec.calls[0]).toBe(
      'docker volume ls --filter label=dev.llmobs.stack=llmobs --filter label=dev.llmobs.component=grafana --format {{.Name}}\t{{.Label "dev.llmobs.data-epoch"}}',
    );
  });

  test("deletes a volume by name, and reports Docker's refusal", async () => {
    const exec = fakeExec({ "docker volume rm": { exitCode: 1, stderr: "volume is in use" } });
    await expect(dockerPlatform(exec, "llmobs").deleteVolume({ name: "llmobs-jaeger-data", epoch: 0 })).rejects.toThrow("volume is in use");
    expect(exec.calls).toEqual(["docker volume rm llmobs-jaeger-data"]);
  });

  test("reads running and healthy from docker ps", async () => {
    const exec = fakeExec({ "docker ps": { stdout: "grafana\trunning\tUp 2 hours (healthy)\njaeger\trunning\tUp 1 second (health: starting)\nprometheus\texited\tExited (1) 5 minutes ago\n" } });
    expect(await dockerPlatform(exec, "llmobs").status()).toEqual([
      { component: "grafana", running: true, healthy: true, detail: "Up 2 hours (healthy)" },
      { component: "jaeger", running: true, healthy: false, detail: "Up 1 second (health: starting)" },
      { component: "prometheus", running: false, healthy: false, detail: "Exited (1) 5 minutes ago" },
    ]);
  });

  test("sizes", () => {
    expect(parseDockerSize("0B")).toBe(0);
    expect(parseDockerSize("512kB")).toBe(512000);
    expect(parseDockerSize("2.5GB")).toBe(2.5e9);
    expect(parseDockerSize("N/A")).toBeUndefined();
    expect(formatBytes(1.2e9)).toBe("1.2 GB");
    expect(formatBytes(undefined)).toBe("size unknown");
  });
});

describe("the Kubernetes side", () => {
  const config = parseStackConfig({ values: { target: "kubernetes", kubernetes: { namespace: "obs", context: "prod" } }, secrets: {} }, STACK_FACTS);

  test("finds a component's claims by label, in the stack's namespace and context", async () => {
    const exec = fakeExec({
      "kubectl --context prod --namespace obs get persistentvolumeclaims": {
        stdout: JSON.stringify({
          items: [
            { metadata: { name: "llmobs-prometheus-data", labels: { "llmobs.dev/data-epoch": "0" } }, spec: { resources: { requests: { storage: "15Gi" } } } },
          ],
        }),
      },
    });
    expect(await kubernetesPlatform(exec, config).volumes("prometheus")).toEqual([{ name: "llmobs-prometheus-data", epoch: 0, bytes: 15 * 2 ** 30 }]);
    expect(exec.calls[0]).toContain("--selector app.kubernetes.io/name=prometheus,app.kubernetes.io/instance=llmobs");
  });

  test("deletes a claim by name", async () => {
    const exec = fakeExec({ kubectl: { stdout: "" } });
    await kubernetesPlatform(exec, config).deleteVolume({ name: "llmobs-grafana-data", epoch: 0 });
    expect(exec.calls).toEqual(["kubectl --context prod --namespace obs delete persistentvolumeclaim llmobs-grafana-data --wait=false"]);
  });

  test("ready replicas make running and healthy; node-exporter is looked for in its own namespace", async () => {
    const exec = fakeExec({
      "kubectl --context prod --namespace obs get": {
        stdout: JSON.stringify({
          items: [{ kind: "Deployment", metadata: { labels: { "app.kubernetes.io/name": "grafana" } }, spec: { replicas: 1 }, status: { readyReplicas: 1 } }],
        }),
      },
      "kubectl --context prod --namespace obs-node-exporter get": {
        stdout: JSON.stringify({
          items: [
            { kind: "DaemonSet", metadata: { labels: { "app.kubernetes.io/name": "node-exporter" } }, spec: {}, status: { numberReady: 2, desiredNumberScheduled: 3 } },
          ],
        }),
      },
    });
    expect(await kubernetesPlatform(exec, config).status()).toEqual([
      { component: "grafana", running: true, healthy: true, detail: "1/1 ready" },
      { component: "node-exporter", running: true, healthy: false, detail: "2/3 ready" },
    ]);
  });
});

describe("replicas on Kubernetes", () => {
  const config = parseStackConfig({ values: { target: "kubernetes", alertmanager: { replicas: 3 } }, secrets: {} }, STACK_FACTS);

  test("a StatefulSet's ready replicas out of its replicas", async () => {
    const exec = fakeExec({
      "kubectl --namespace llmobs get": {
        stdout: JSON.stringify({
          items: [{ kind: "StatefulSet", metadata: { labels: { "app.kubernetes.io/name": "alertmanager" } }, spec: { replicas: 3 }, status: { readyReplicas: 2 } }],
        }),
      },
      "kubectl --namespace llmobs-node-exporter get": { stdout: JSON.stringify({ items: [] }) },
    });
    expect(await kubernetesPlatform(exec, config).status()).toEqual([{ component: "alertmanager", running: true, healthy: false, detail: "2/3 ready" }]);
    expect(exec.calls[0]).toContain("get deployments,daemonsets,statefulsets --selector app.kubernetes.io/instance=llmobs");
  });

  test("status counts every replica's claim of the current epoch as the component's data", async () => {
    const printed: string[] = [];
    const claim = (n: number, epoch = 0) => ({ name: `llmobs-alertmanager-data${epoch ? `-${epoch}` : ""}-alertmanager-${n}`, epoch, bytes: 2 ** 30 });
    await runData(parseDataArgs(["status", "alertmanager", "--stack", "cluster"]), {
      config,
      stack: describeStack(config),
      stackName: "cluster",
      platform: new FakePlatform("Kubernetes namespace llmobs", "PersistentVolumeClaim", { alertmanager: [claim(0), claim(1), claim(2), claim(0, 1)] }, [
        { component: "alertmanager", running: true, healthy: true, detail: "3/3 ready" },
      ]),
      urls: {},
      preflight: async () => undefined,
      verify: async () => [],
      openStack: async () => {
        throw new Error("status does not open the stack");
      },
      confirm: async () => false,
      print: (line) => printed.push(line),
      progress: () => new ProgressView(() => undefined, false),
    });
    expect(printed[2]).toBe("  alertmanager  running   healthy   3.2 GB        -");
  });

  test("a reset replaces the StatefulSet, whose claim template the new epoch names, and deletes every replica's claim", () => {
    const type = "llmobs:kubernetes:Component";
    const state = [
      { urn: `urn:pulumi:cluster::llmobs::${type}::alertmanager`, type },
      { urn: `urn:pulumi:cluster::llmobs::${type}$kubernetes:apps/v1:StatefulSet::alertmanager`, type: "kubernetes:apps/v1:StatefulSet" },
      { urn: `urn:pulumi:cluster::llmobs::${type}$kubernetes:core/v1:Service::alertmanager-headless`, type: "kubernetes:core/v1:Service" },
    ];
    const volumes = [0, 1, 2].map((n) => ({ name: `llmobs-alertmanager-data-alertmanager-${n}`, epoch: 0 }));
    const plan = planReset("alertmanager", config, "cluster", state, volumes);
    expect(plan.resources.map((r) => r.type)).toEqual(["kubernetes:apps/v1:StatefulSet"]);
    expect(plan.volumes).toEqual(volumes);
    expect(plan.epoch).toEqual({ from: 0, to: 1, newVolume: "llmobs-alertmanager-data-1" });
  });
});

describe("progress", () => {
  test("on a terminal, one line per resource, redrawn in place as it finishes", () => {
    let screen = "";
    const view = new ProgressView((text) => (screen += text), true);
    const step = (phase: "started" | "done", name: string) =>
      view.onStep({ urn: `urn:pulumi:local::llmobs::docker:index/volume:Volume::${name}`, type: "docker:index/volume:Volume", op: "replace", phase });
    step("started", "grafana-data");
    step("started", "grafana");
    step("done", "grafana-data");
    // The last redraw moves up over the two lines and rewrites them: the volume now done.
    const lastDraw = screen.slice(screen.lastIndexOf("\x1b[2F"));
    expect(lastDraw).toContain("ok     replace            Volume                 grafana-data");
    expect(lastDraw).toContain("...    replace            Volume                 grafana\n");
  });

  test("the summary", () => {
    expect(formatSummary({ replace: 2, create: 1, same: 7 }, 13.6)).toBe("2 replaced, 1 created, 7 unchanged in 14 s");
    expect(formatSummary({ same: 3 }, 1)).toBe("no changes, 3 unchanged in 1 s");
  });
});
