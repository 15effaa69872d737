import { beforeAll, expect, test } from "vitest";
import { plainStrings, runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { K8S } from "../support/kubernetes/programRun.ts";

/** Rendered manifests with their Secrets, as `kubernetes.render.secrets: plaintext` asks. */
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    {
      "llmobs:target": "kubernetes",
      "llmobs:kubernetes": { render: { directory: "/srv/gitops/llmobs", secrets: "plaintext" } },
      "llmobs:grafanaAdminPassword": "a-password-the-user-chose",
    },
    { stack: "cluster", secretKeys: ["llmobs:grafanaAdminPassword"] },
  );
});

test("the Secret is rendered, its value still a Pulumi secret in the state (only the file holds it in plain text)", () => {
  const [secret] = run.ofType(K8S.secret);
  expect(secret?.inputs.stringData).toEqual({ value: "a-password-the-user-chose" });
  expect(plainStrings(secret?.wireInputs)).not.toContain("a-password-the-user-chose");
  expect(run.named(K8S.provider, "kubernetes").inputs.renderYamlToDirectory).toBe("/srv/gitops/llmobs");
});

test("no Secret commands are printed: there is nothing to create", () => {
  expect(run.outputs["secretCommands"]).toBeUndefined();
});
