import { beforeAll, expect, test } from "vitest";
import { runProgram, type ProgramRun } from "../support/pulumiProgram.ts";
import { K8S, podSpec, stackFileConfig } from "../support/kubernetesRun.ts";

/** The cluster stack file, rendered to manifests (GitOps), with both secrets set and a StorageClass named. */
let run: ProgramRun;

beforeAll(async () => {
  const config = stackFileConfig("cluster");
  run = await runProgram(
    "../../stacks/index.ts",
    {
      ...config,
      "llmobs:kubernetes": { ...(config["llmobs:kubernetes"] as object), storageClass: "fast-ssd", render: { directory: "rendered/cluster" } },
      "llmobs:grafanaAdminPassword": "a-password-the-user-chose",
      "llmobs:alertmanagerWebhookUrl": "https://alerts.example.com/hook",
    },
    { stack: "cluster", secretKeys: ["llmobs:grafanaAdminPassword", "llmobs:alertmanagerWebhookUrl"] },
  );
});

test("the provider renders to the directory, as given, and is given no context", () => {
  const inputs = run.named(K8S.provider, "kubernetes").inputs;
  expect(inputs.renderYamlToDirectory).toBe("rendered/cluster");
  expect(inputs).not.toHaveProperty("context");
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
