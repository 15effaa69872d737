import { beforeAll, describe, expect, test } from "vitest";
import { runProgram, type ProgramRun, type RegisteredResource } from "../support/pulumi/program.ts";

/**
 * A reset is declarative: bumping a component's data epoch must change exactly that component's data
 * volume (a new name: a new, empty volume) and the workload that mounts it, and nothing else. Compares
 * the resources the program registers before and after the bump, on both targets.
 */
const runs: Record<string, ProgramRun> = {};

beforeAll(async () => {
  runs["docker"] = await runProgram("program/index.ts?docker-0", { "llmobs:target": "docker" });
  runs["docker-bumped"] = await runProgram("program/index.ts?docker-1", { "llmobs:target": "docker", "llmobs:dataEpochs": { grafana: 1 } });
  runs["cluster"] = await runProgram("program/index.ts?cluster-0", { "llmobs:target": "kubernetes" }, { stack: "cluster" });
  runs["cluster-bumped"] = await runProgram(
    "program/index.ts?cluster-1",
    { "llmobs:target": "kubernetes", "llmobs:dataEpochs": { prometheus: "3" } },
    { stack: "cluster" },
  );
});

function changed(before: ProgramRun, after: ProgramRun): string[] {
  const key = (r: RegisteredResource) => r.urn;
  const afterByUrn = new Map(after.resources.map((r) => [key(r), r]));
  expect([...afterByUrn.keys()].sort()).toEqual(before.resources.map(key).sort());
  return before.resources
    .filter((r) => JSON.stringify(r.wireInputs) !== JSON.stringify(afterByUrn.get(key(r))!.wireInputs) || JSON.stringify(r.options.replacementTrigger) !== JSON.stringify(afterByUrn.get(key(r))!.options.replacementTrigger))
    .map((r) => `${r.type} ${r.name}`)
    .sort();
}

describe("bumping a data epoch", () => {
  test("Docker: changes grafana's volume and container, nothing else", () => {
    expect(changed(runs["docker"]!, runs["docker-bumped"]!)).toEqual([
      "docker:index/container:Container grafana",
      "docker:index/volume:Volume grafana-data",
    ]);
    const volume = runs["docker-bumped"]!.named("docker:index/volume:Volume", "grafana-data");
    expect(volume.inputs.name).toBe("llmobs-grafana-data-1");
    expect(volume.options.replacementTrigger).toBe(1);
    expect(runs["docker-bumped"]!.named("docker:index/container:Container", "grafana").options.replaceWith).toEqual([volume.urn]);
  });

  test("Kubernetes: changes prometheus' claim and Deployment, nothing else", () => {
    expect(changed(runs["cluster"]!, runs["cluster-bumped"]!)).toEqual([
      "kubernetes:apps/v1:Deployment prometheus",
      "kubernetes:core/v1:PersistentVolumeClaim prometheus-data",
    ]);
    const claim = runs["cluster-bumped"]!.named("kubernetes:core/v1:PersistentVolumeClaim", "prometheus-data");
    expect(claim.inputs.metadata.name).toBe("llmobs-prometheus-data-3");
    expect(claim.options.replacementTrigger).toBe(3);
    expect(runs["cluster-bumped"]!.named("kubernetes:apps/v1:Deployment", "prometheus").options.replaceWith).toEqual([claim.urn]);
  });

  test("every data volume and claim is kept when Pulumi deletes it; only the data command removes data", () => {
    const data = [
      ...runs["docker"]!.ofType("docker:index/volume:Volume"),
      ...runs["cluster"]!.ofType("kubernetes:core/v1:PersistentVolumeClaim"),
    ];
    expect(data).toHaveLength(8);
    for (const resource of data) expect(resource.options.retainOnDelete, resource.name).toBe(true);
  });
});
