import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { checkKubernetesCluster, checkStorageClass } from "../../cli/preflight/clusterChecks.ts";
import { preflight } from "../../cli/preflight/run.ts";
import { PreconditionError } from "../../cli/commandLine/run.ts";
import type { ExecResult } from "../../cli/preflight/exec.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const cluster = (kubernetes: Record<string, unknown> = {}) =>
  parseStackConfig({ values: { target: "kubernetes", kubernetes }, secrets: {} }, STACK_FACTS);

const VERSION = { stdout: JSON.stringify({ clientVersion: { gitVersion: "v1.33.1" }, serverVersion: { gitVersion: "v1.32.4" } }) };

function storageClasses(...classes: [string, boolean][]): Partial<ExecResult> {
  return {
    stdout: JSON.stringify({
      items: classes.map(([name, isDefault]) => ({
        metadata: { name, annotations: isDefault ? { "storageclass.kubernetes.io/is-default-class": "true" } : {} },
      })),
    }),
  };
}

describe("the Kubernetes cluster", () => {
  test("reachable: reports the server version and the context", async () => {
    const exec = fakeExec({ "kubectl version": VERSION });
    expect(await checkKubernetesCluster(exec, cluster())).toEqual({
      name: "Kubernetes cluster",
      ok: true,
      detail: "Kubernetes v1.32.4 through the current kubeconfig context",
    });
    expect(exec.calls).toEqual(["kubectl version --output=json"]);
  });

  test("asks through the configured context", async () => {
    const exec = fakeExec({ "kubectl --context prod-eu version": VERSION });
    const check = await checkKubernetesCluster(exec, cluster({ context: "prod-eu" }));
    expect(check).toMatchObject({ ok: true, detail: "Kubernetes v1.32.4 through context prod-eu" });
  });

  test("unreachable: says which context and what to do", async () => {
    const exec = fakeExec({
      "kubectl version": {
        exitCode: 1,
        stdout: JSON.stringify({ clientVersion: { gitVersion: "v1.33.1" } }),
        stderr: "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n",
      },
    });
    const check = await checkKubernetesCluster(exec, cluster());
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("the current kubeconfig context does not answer: The connection to the server 127.0.0.1:6443 was refused");
    expect(check.fix).toContain("kubectl cluster-info");
    expect(check.fix).toContain("llmobs:kubernetes.context");
  });

  test("no kubectl: says how to install it", async () => {
    const check = await checkKubernetesCluster(fakeExec({}), cluster());
    expect(check).toMatchObject({ ok: false, detail: "`kubectl` is not on PATH" });
    expect(check.fix).toContain("kubernetes.io/docs/tasks/tools");
  });
});

describe("the StorageClass the data volumes bind through", () => {
  test("unset, and the cluster has a default: fine", async () => {
    const check = await checkStorageClass(fakeExec({ "kubectl get storageclass": storageClasses(["standard", true], ["fast", false]) }), cluster());
    expect(check).toMatchObject({ ok: true, detail: "the cluster's default, standard" });
  });

  test("unset, and the cluster has no default: fails, naming the classes it has and the key to set", async () => {
    const check = await checkStorageClass(fakeExec({ "kubectl get storageclass": storageClasses(["fast", false], ["slow", false]) }), cluster());
    expect(check.ok).toBe(false);
    expect(check.warning).toBeUndefined();
    expect(check.detail).toContain("no default StorageClass (it has: fast, slow)");
    expect(check.fix).toContain("pulumi config set --path llmobs:kubernetes.storageClass <name> --stack cluster");
    expect(check.fix).toContain("is-default-class");
  });

  test("set to a class the cluster has: fine; to one it lacks: fails", async () => {
    const exec = fakeExec({ "kubectl --context kind get storageclass": storageClasses(["standard", true], ["fast", false]) });
    expect(await checkStorageClass(exec, cluster({ context: "kind", storageClass: "fast" }))).toMatchObject({ ok: true });
    const missing = await checkStorageClass(exec, cluster({ context: "kind", storageClass: "gp3" }));
    expect(missing).toMatchObject({ ok: false, detail: "the cluster has no StorageClass gp3 (it has: standard, fast)" });
  });
});

test("preflight on the cluster stack checks the cluster and its storage, not Docker or host ports", async () => {
  const exec = fakeExec({
    "pulumi version": { stdout: "v3.250.0\n" },
    "kubectl version": VERSION,
    "kubectl get storageclass": storageClasses(["local-path", false]),
  });
  const printed: string[] = [];
  const error = await preflight(cluster(), exec, (line) => printed.push(line)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PreconditionError);
  expect((error as Error).message).toContain("1 check failed; nothing was changed");
  expect(printed.join("\n")).toMatch(/ok {3}Kubernetes cluster: Kubernetes v1\.32\.4/);
  expect(printed.join("\n")).toMatch(/FAIL StorageClass: llmobs:kubernetes.storageClass is unset/);
  expect(exec.calls.some((call) => call.startsWith("docker"))).toBe(false);
});
