import { beforeAll, expect, test } from "vitest";
import { resolve } from "node:path";
import { REPO_ROOT } from "../support/cli/runScript.ts";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { K8S, podSpec, stackFileConfig } from "../support/kubernetes/programRun.ts";

/** The cluster stack file, rendered to manifests (GitOps), with both secrets set and a StorageClass named. */
let run: ProgramRun;

beforeAll(async () => {
  // Set on most machines that reach a cluster; the SDK would hand it to the provider, which refuses it when rendering.
  process.env["KUBECONFIG"] = "/home/someone/.kube/config";
  const config = stackFileConfig("cluster");
  run = await runProgram(
    "program/index.ts",
    {
      ...config,
      "llmobs:kubernetes": { ...(config["llmobs:kubernetes"] as object), storageClass: "fast-ssd", render: { directory: "rendered/cluster" } },
      "llmobs:grafanaAdminPassword": "a-password-the-user-chose",
      "llmobs:alertmanagerWebhookUrl": "https://alerts.example.com/hook",
    },
    { stack: "cluster", secretKeys: ["llmobs:grafanaAdminPassword", "llmobs:alertmanagerWebhookUrl"] },
  );
});

test("the provider renders to the directory, relative to the project root, still as a relative path; and is given no context, nor $KUBECONFIG", () => {
  const inputs = run.named(K8S.provider, "kubernetes").inputs;
  // Relative to the program's working directory, where Pulumi starts the provider too (the engine tests show where the files land).
  expect(resolve(process.cwd(), inputs.renderYamlToDirectory)).toBe(resolve(REPO_ROOT, "rendered/cluster"));
  expect(inputs.renderYamlToDirectory).not.toMatch(/^\//);
  expect(inputs).not.toHaveProperty("context");
  expect(inputs.kubeconfig).toBe("");
});

test("nothing is read from a cluster: the StorageClass is named in the claims, not looked up", () => {
  expect(run.reads).toEqual([]);
  for (const claim of run.ofType(K8S.claim)) expect(claim.inputs.spec.storageClassName, claim.name).toBe("fast-ssd");
});

test("no Secret is rendered; the pods still mount them by name", () => {
  expect(run.ofType(K8S.secret)).toEqual([]);
  const secretVolumes = (component: string) => podSpec(run, component).volumes.filter((v: any) => v.secret).map((v: any) => v.secret.secretName);
  expect(secretVolumes("grafana")).toEqual(["grafana-admin-password"]);
  expect(secretVolumes("alertmanager")).toEqual(["alertmanager-webhook-url"]);
});

test("the outputs name the directory and the commands that create the Secrets, without their values", () => {
  expect(run.outputs["renderedManifests"]).toBe("rendered/cluster");
  expect(run.outputs["secretCommands"]).toEqual({
    "grafana-admin-password":
      "pulumi stack output grafanaAdminPassword --show-secrets --stack cluster | tr -d '\\n' | " +
      "kubectl --namespace llmobs create secret generic grafana-admin-password --from-file=value=/dev/stdin",
    "alertmanager-webhook-url":
      "pulumi config get alertmanagerWebhookUrl --stack cluster | tr -d '\\n' | " +
      "kubectl --namespace llmobs create secret generic alertmanager-webhook-url --from-file=value=/dev/stdin",
  });
  expect(JSON.stringify(run.outputs["secretCommands"])).not.toContain("a-password-the-user-chose");
});

test("everything else is the stack as it is applied: the same objects but the Secrets", () => {
  const kinds = run.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.type);
  expect(kinds.filter((type) => type === K8S.deployment)).toHaveLength(4);
  expect(kinds.filter((type) => type === K8S.claim)).toHaveLength(4);
  expect(kinds.filter((type) => type === K8S.daemonSet)).toHaveLength(1);
});
