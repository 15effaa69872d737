import { beforeAll, expect, test } from "vitest";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { validateManifests } from "../support/kubernetes/apiSchema.ts";
import { K8S, manifests, stackFileConfig } from "../support/kubernetes/programRun.ts";

/** stacks/Pulumi.cluster-ha.yaml as committed, with the three secrets its comments tell the user to set. */
const SECRET_VALUES = {
  "llmobs:prometheusRemoteWritePassword": "remote-write-password-value",
  "llmobs:jaegerStoragePassword": "opensearch-password-value",
  "llmobs:grafanaDatabasePassword": "postgres-password-value",
};

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram("program/index.ts", { ...stackFileConfig("cluster-ha"), ...SECRET_VALUES }, { stack: "cluster-ha", secretKeys: Object.keys(SECRET_VALUES) });
});

test("every component replicated: Alertmanager and Prometheus as StatefulSets, Jaeger and Grafana as Deployments, a PDB each, no claim of the stack's own, in its own namespace", () => {
  expect(run.ofType(K8S.statefulSet).map((s) => s.name).sort()).toEqual(["alertmanager", "prometheus"]);
  expect(Object.fromEntries([...run.ofType(K8S.statefulSet), ...run.ofType(K8S.deployment)].map((w) => [w.name, w.inputs.spec.replicas]))).toEqual({
    alertmanager: 3,
    prometheus: 2,
    jaeger: 2,
    grafana: 2,
  });
  expect(run.ofType(K8S.podDisruptionBudget).map((p) => p.name).sort()).toEqual(["alertmanager", "grafana", "jaeger", "prometheus"]);
  expect(run.ofType(K8S.claim)).toEqual([]);
  // Its own namespace: the cluster stack's Services and Secrets have the same names.
  for (const name of ["alertmanager", "prometheus", "jaeger", "grafana"]) expect(run.named(K8S.service, name).inputs.metadata.namespace).toBe("llmobs-ha");
});

test("every object passes the Kubernetes API schema, field names included", () => {
  expect(validateManifests(manifests(run))).toEqual([]);
});
