import { beforeAll, expect, test } from "vitest";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { checkPodSecurity } from "../support/kubernetes/podSecurityCheck.ts";
import { K8S, stackFileConfig } from "../support/kubernetes/programRun.ts";

// The cluster stack with an Alertmanager cluster and a Prometheus HA pair: the StatefulSets' pods (their
// environment from the downward API, their affinity, their claim templates' volumes) against the
// admission controller's own policy library.
let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram(
    "program/index.ts",
    { ...stackFileConfig("cluster"), "llmobs:alertmanager": { replicas: 3 }, "llmobs:prometheus": { replicas: 2 } },
    { stack: "cluster" },
  );
});

test("the replicas' pods pass Pod Security restricted", () => {
  const pods = run.ofType(K8S.statefulSet).map((statefulSet) => ({ name: statefulSet.name, level: "restricted", ...statefulSet.inputs.spec.template }));
  expect(pods.map((pod) => pod.name).sort()).toEqual(["alertmanager", "prometheus"]);
  expect(checkPodSecurity(pods).filter((verdict) => !verdict.allowed)).toEqual([]);
});
