import { afterAll, describe, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump } from "js-yaml";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { parseStackConfig } from "../../config/parse.ts";
import { providerRenderDirectory } from "../../targets/kubernetes/renderPath.ts";
import { preflight } from "../../cli/preflight/run.ts";
import { dataPreflight } from "../../cli/data/preflight.ts";
import { renderedPlatform } from "../../cli/data/renderedPlatform.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { REPO_ROOT } from "../support/cli/runScript.ts";

const rendering = parseStackConfig({ values: { target: "kubernetes", kubernetes: { render: { directory: "rendered/cluster" } } }, secrets: {} }, STACK_FACTS);
const directory = mkdtempSync(join(tmpdir(), "llmobs-rendered-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("the render directory as the provider gets it", () => {
  test("relative to the project root, passed on relative to the program's directory (stacks/, where Pulumi runs it)", () => {
    expect(providerRenderDirectory("rendered/cluster", join(REPO_ROOT, "stacks"))).toBe("../rendered/cluster");
    expect(providerRenderDirectory("../gitops/llmobs", join(REPO_ROOT, "stacks"))).toBe("../../gitops/llmobs");
    expect(providerRenderDirectory("rendered/cluster", REPO_ROOT)).toBe("rendered/cluster");
  });

  test("an absolute directory as it is", () => {
    expect(providerRenderDirectory("/srv/gitops/llmobs", join(REPO_ROOT, "stacks"))).toBe("/srv/gitops/llmobs");
  });
});

describe("preflights of a rendered cluster stack contact no cluster", () => {
  test("npm run up's: the Pulumi CLI only, and a line that says so", async () => {
    const exec = fakeExec({ "pulumi version": { stdout: "v3.248.0" } });
    const lines: string[] = [];
    const checks = await preflight(rendering, exec, (line) => lines.push(line), { stackName: "cluster" });
    expect(exec.calls).toEqual(["pulumi version"]);
    expect(checks.every((check) => check.ok)).toBe(true);
    expect(lines.join("\n")).toContain("rendering manifests to rendered/cluster (kubernetes.render.directory); no cluster is contacted");
  });

  test("the data commands': no kubectl", async () => {
    const exec = fakeExec({ "pulumi version": { stdout: "v3.248.0" } });
    await dataPreflight(rendering, exec, {
      needsPulumi: true,
      needsPassphrase: false,
      secretsProvider: () => {
        throw new Error("not asked");
      },
      env: {},
      print: () => undefined,
    });
    expect(exec.calls).toEqual(["pulumi version"]);
  });
});

describe("the data of a rendered stack is the claims in the directory", () => {
  const manifests = join(directory, "1-manifest");
  mkdirSync(manifests, { recursive: true });
  const claim = (component: string, name: string, epoch: number, instance = "llmobs") =>
    dump({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name,
        namespace: "llmobs",
        labels: { "app.kubernetes.io/name": component, "app.kubernetes.io/instance": instance, "llmobs.dev/data-epoch": String(epoch) },
      },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "2Gi" } } },
    });
  writeFileSync(join(manifests, "v1-persistentvolumeclaim-llmobs-llmobs-grafana-data.yaml"), claim("grafana", "llmobs-grafana-data", 0));
  writeFileSync(join(manifests, "v1-persistentvolumeclaim-llmobs-llmobs-grafana-data-1.yaml"), claim("grafana", "llmobs-grafana-data-1", 1));
  writeFileSync(join(manifests, "v1-persistentvolumeclaim-llmobs-team-grafana-data.yaml"), claim("grafana", "team-grafana-data", 0, "team"));
  writeFileSync(
    join(manifests, "apps_v1-deployment-llmobs-grafana.yaml"),
    dump({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "grafana", labels: { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": "llmobs" } } }),
  );
  const platform = renderedPlatform(directory, rendering);

  test("a component's claims of every epoch, this name prefix only, with their requested size", async () => {
    expect(await platform.volumes("grafana")).toEqual([
      { name: "llmobs-grafana-data-1", epoch: 1, bytes: 2 * 2 ** 30 },
      { name: "llmobs-grafana-data", epoch: 0, bytes: 2 * 2 ** 30 },
    ]);
    expect(await platform.volumes("prometheus")).toEqual([]);
  });

  test("the workloads are rendered, not running", async () => {
    expect(await platform.status()).toEqual([{ component: "grafana", running: false, healthy: false, label: "rendered", detail: "Deployment manifest, not applied here" }]);
  });

  test("deleting a claim deletes its file, and no other", async () => {
    await platform.deleteVolume({ name: "llmobs-grafana-data", epoch: 0 });
    expect(readdirSync(manifests).sort()).toEqual([
      "apps_v1-deployment-llmobs-grafana.yaml",
      "v1-persistentvolumeclaim-llmobs-llmobs-grafana-data-1.yaml",
      "v1-persistentvolumeclaim-llmobs-team-grafana-data.yaml",
    ]);
  });
});
