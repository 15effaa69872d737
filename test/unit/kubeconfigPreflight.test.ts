import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { checkKubernetesCluster } from "../../cli/preflight/clusterChecks.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const cluster = (kubernetes: Record<string, unknown> = {}) => parseStackConfig({ values: { target: "kubernetes", kubernetes }, secrets: {} }, STACK_FACTS);

// What kubectl 1.32 prints on a machine without a kubeconfig: it falls back to localhost:8080.
const REFUSED = {
  exitCode: 1,
  stdout: JSON.stringify({ clientVersion: { gitVersion: "v1.32.4" } }),
  stderr: "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n",
};
const EMPTY_VIEW = { stdout: '{\n "kind": "Config",\n "apiVersion": "v1",\n "preferences": {},\n "clusters": null,\n "users": null,\n "contexts": null,\n "current-context": ""\n}\n' };
const view = (contexts: string[], current = "") => ({ stdout: JSON.stringify({ contexts: contexts.map((name) => ({ name })), "current-context": current }) });

describe("a cluster preflight without a usable kubeconfig", () => {
  test("no kubeconfig at all says so, not 'localhost:8080 refused', and how to get one", async () => {
    const check = await checkKubernetesCluster(fakeExec({ "kubectl version": REFUSED, "kubectl config view": EMPTY_VIEW }), cluster());
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^no kubeconfig: kubectl finds no cluster context in /);
    expect(check.detail).not.toContain("localhost:8080");
    expect(check.fix).toContain("KUBECONFIG");
    expect(check.fix).toContain("kind");
  });

  test("a kubeconfig without a current context names the contexts it has", async () => {
    const check = await checkKubernetesCluster(fakeExec({ "kubectl version": REFUSED, "kubectl config view": view(["kind-a", "prod"]) }), cluster());
    expect(check.detail).toBe("the kubeconfig has no current context (it has: kind-a, prod)");
    expect(check.fix).toContain("kubectl config use-context");
  });

  test("a configured context the kubeconfig lacks", async () => {
    const exec = fakeExec({
      "kubectl --context staging version": { exitCode: 1, stderr: 'error: context "staging" does not exist\n' },
      "kubectl config view": view(["kind-a"], "kind-a"),
    });
    const check = await checkKubernetesCluster(exec, cluster({ context: "staging" }));
    expect(check.detail).toBe("the kubeconfig has no context staging (llmobs:kubernetes.context); it has: kind-a");
  });

  test("a kubeconfig with a usable context keeps kubectl's own answer", async () => {
    const exec = fakeExec({ "kubectl version": { exitCode: 1, stderr: "Unable to connect to the server: dial tcp 10.0.0.1:6443: i/o timeout\n" }, "kubectl config view": view(["kind-a"], "kind-a") });
    const check = await checkKubernetesCluster(exec, cluster());
    expect(check.detail).toContain("does not answer: Unable to connect to the server");
  });
});
