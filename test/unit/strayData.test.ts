import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { dataOwners, strayClaims, strayDockerVolumes, type DataOwners } from "../../cli/preflight/strayData.ts";
import { preflight } from "../../cli/preflight/run.ts";
import { runData } from "../../cli/data/run.ts";
import { parseDataArgs } from "../../cli/data/args.ts";
import { ProgressView } from "../../cli/data/progress.ts";
import { FakePlatform } from "../support/pulumi/dataDoubles.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const docker = (values: Record<string, unknown> = {}) => parseStackConfig({ values, secrets: {} }, STACK_FACTS);
const cluster = (kubernetes: Record<string, unknown> = {}, values: Record<string, unknown> = {}) =>
  parseStackConfig({ values: { target: "kubernetes", kubernetes, ...values }, secrets: {} }, STACK_FACTS);
const owners = (dockerPrefixes: string[], claims: string[] = []): DataOwners => ({ dockerPrefixes: new Set(dockerPrefixes), claims: new Set(claims) });

// `docker volume ls --filter label=dev.llmobs.stack --format '{{.Name}}\t{{.Label "dev.llmobs.stack"}}'`
const VOLUMES = {
  stdout: ["llmobs-grafana-data\tllmobs", "llmobs-prometheus-data-2\tllmobs", "obs-grafana-data\tobs", "team-b-grafana-data\tteam-b", ""].join("\n"),
};
const claimList = (...claims: [string, string, string][]) => ({
  stdout: JSON.stringify({
    items: claims.map(([name, namespace, prefix]) => ({
      metadata: { name, namespace, labels: { "app.kubernetes.io/part-of": "llmobs", "app.kubernetes.io/instance": prefix } },
    })),
  }),
});

describe("Docker volumes left under another name prefix", () => {
  test("a changed namePrefix: the old volumes are named, with the commands to reuse or delete them", async () => {
    const exec = fakeExec({ "docker volume ls": VOLUMES });
    const checks = await strayDockerVolumes(exec, docker({ namePrefix: "obs" }), "local", owners(["obs", "team-b"]));
    expect(exec.calls).toEqual([`docker volume ls --filter label=dev.llmobs.stack --format {{.Name}}\t{{.Label "dev.llmobs.stack"}}`]);
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'data under namePrefix "llmobs"', ok: false, warning: true });
    expect(checks[0]!.detail).toContain("2 Docker volumes of this project that no stack here uses (llmobs-grafana-data, llmobs-prometheus-data-2)");
    expect(checks[0]!.detail).toContain('uses namePrefix "obs"');
    expect(checks[0]!.fix).toBe(
      "To use that data again: `pulumi config set llmobs:namePrefix llmobs --stack local`. To delete it: `docker volume rm llmobs-grafana-data llmobs-prometheus-data-2`.",
    );
  });

  test("volumes of this stack's prefix, and of another stack's, are not reported", async () => {
    const exec = fakeExec({ "docker volume ls": VOLUMES });
    expect(await strayDockerVolumes(exec, docker(), "local", owners(["llmobs", "obs", "team-b"]))).toEqual([]);
  });

  test("a stack moved to Kubernetes: its Docker volumes, and how to move it back", async () => {
    const exec = fakeExec({ "docker volume ls": { stdout: "llmobs-grafana-data\tllmobs\n" } });
    const [check] = await strayDockerVolumes(exec, cluster(), "local", owners([]));
    expect(check!.detail).toContain("this stack runs on Kubernetes");
    expect(check!.fix).toContain("`pulumi config set llmobs:target docker --stack local`");
    expect(check!.fix).not.toContain("namePrefix");
  });

  test("no Docker to ask: nothing", async () => {
    expect(await strayDockerVolumes(fakeExec({}), docker(), "local", owners([]))).toEqual([]);
    expect(await strayDockerVolumes(fakeExec({ "docker volume ls": { exitCode: 1, stderr: "Cannot connect" } }), docker(), "local", owners([]))).toEqual([]);
  });
});

describe("claims left in another namespace", () => {
  test("a changed namespace: the old claims, with the commands to reuse or delete them", async () => {
    const exec = fakeExec({
      "kubectl --context prod get persistentvolumeclaims": claimList(
        ["llmobs-grafana-data", "old", "llmobs"],
        ["llmobs-prometheus-data", "old", "llmobs"],
        ["llmobs-grafana-data", "llmobs", "llmobs"],
      ),
    });
    const checks = await strayClaims(exec, cluster({ context: "prod" }), "cluster", owners([], ["llmobs/llmobs"]));
    expect(exec.calls[0]).toBe("kubectl --context prod get persistentvolumeclaims --all-namespaces --selector app.kubernetes.io/part-of=llmobs --output=json");
    expect(checks).toHaveLength(1);
    expect(checks[0]!.name).toBe("data in namespace old");
    expect(checks[0]!.detail).toContain("2 PersistentVolumeClaims of this project (namePrefix \"llmobs\") that no stack here uses (llmobs-grafana-data, llmobs-prometheus-data)");
    expect(checks[0]!.fix).toBe(
      "To use that data again: `pulumi config set --path llmobs:kubernetes.namespace old --stack cluster`. " +
        "To delete it: `kubectl --context prod --namespace old delete pvc llmobs-grafana-data llmobs-prometheus-data`.",
    );
  });

  test("a changed namePrefix in the same namespace", async () => {
    const exec = fakeExec({ "kubectl get persistentvolumeclaims": claimList(["llmobs-grafana-data", "llmobs", "llmobs"]) });
    const [check] = await strayClaims(exec, cluster({}, { namePrefix: "obs" }), "cluster", owners([], ["llmobs/obs"]));
    expect(check!.fix).toContain("`pulumi config set llmobs:namePrefix llmobs --stack cluster`");
    expect(check!.fix).not.toContain("kubernetes.namespace");
  });

  test("claims of another stack here, and a cluster that will not list claims, are not reported", async () => {
    const exec = fakeExec({ "kubectl get persistentvolumeclaims": claimList(["llmobs-grafana-data", "team-b", "llmobs"]) });
    expect(await strayClaims(exec, cluster(), "cluster", owners([], ["llmobs/llmobs", "team-b/llmobs"]))).toEqual([]);
    const forbidden = fakeExec({ "kubectl get persistentvolumeclaims": { exitCode: 1, stderr: "Error from server (Forbidden)" } });
    expect(await strayClaims(forbidden, cluster(), "cluster", owners([]))).toEqual([]);
  });
});

test("the project's stack files own the local stack's Docker prefix and the cluster stack's namespace", () => {
  const found = dataOwners();
  expect(found.dockerPrefixes).toContain("llmobs");
  expect(found.claims).toContain("llmobs/llmobs");
});

test("the preflight warns about data left under another prefix, and still passes", async () => {
  const exec = fakeExec({ "pulumi version": { stdout: "v3.248.0\n" }, "docker version": { stdout: "28.2.2\n" }, "docker volume ls": VOLUMES });
  const printed: string[] = [];
  const config = docker({ namePrefix: "obs", ports: { grafana: 39005, prometheus: 39090, jaegerUi: 39686, otlpGrpc: 39317, otlpHttp: 39318, jaegerCollector: 39268, alertmanager: 39093 } });
  // A port taken on this machine would fail the preflight; the lines asserted on are printed either way.
  await preflight(config, exec, (line) => printed.push(line), { stackName: "local", owners: () => owners(["obs"]) }).catch(() => undefined);
  expect(printed.join("\n")).toMatch(/warn data under namePrefix "llmobs": 2 Docker volumes/);
  expect(printed.join("\n")).toMatch(/warn data under namePrefix "team-b": 1 Docker volume /);
});

test("data status lists data this stack does not use, after the components", async () => {
  const config = docker({ namePrefix: "obs" });
  const printed: string[] = [];
  await runData(parseDataArgs(["status", "grafana"]), {
    config,
    stack: describeStack(config),
    stackName: "local",
    platform: new FakePlatform("Docker", "Docker volume", {}),
    urls: {},
    preflight: async () => undefined,
    verify: async () => [],
    openStack: async () => {
      throw new Error("status does not open the stack");
    },
    confirm: async () => false,
    print: (line) => printed.push(line),
    progress: () => new ProgressView(() => undefined, false),
    strayData: () => strayDockerVolumes(fakeExec({ "docker volume ls": VOLUMES }), config, "local", owners(["obs", "team-b"])),
  });
  expect(printed.slice(0, 3)).toEqual([
    "status of stack local (Docker):",
    "  component     state     health    data          url",
    "  grafana       absent    -         none yet      -",
  ]);
  expect(printed[3]).toMatch(/^data of this project that stack local does not use:\n {2}warn data under namePrefix "llmobs"/);
});
