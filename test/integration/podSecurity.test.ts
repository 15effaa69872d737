import { beforeAll, describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { checkPodSecurity } from "../support/kubernetes/podSecurityCheck.ts";
import { K8S, stackFileConfig, workload } from "../support/kubernetes/programRun.ts";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import { describeStack } from "../../components/stack.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

// The committed cluster stack, as `pulumi up --stack cluster` runs it, judged by the admission controller's
// own policy library (a Go program, built on first use).
const description = describeStack(parseStackDocument(readFileSync(new URL("../../stacks/Pulumi.cluster.yaml", import.meta.url), "utf8"), STACK_FACTS));

let run: ProgramRun;

beforeAll(async () => {
  run = await runProgram("program/index.ts", stackFileConfig("cluster"), { stack: "cluster" });
});

describe("the cluster stack's pods against Pod Security", () => {
  test("every pod passes the Pod Security admission check of its namespace's level; node-exporter would fail baseline", () => {
    const levelOf = new Map(
      run.ofType(K8S.namespace).map((ns) => [ns.inputs.metadata.name, ns.inputs.metadata.labels["pod-security.kubernetes.io/enforce"]]),
    );
    const pods = description.components.map((d) => {
      const template = workload(run, d.name).inputs.spec.template;
      return { name: d.name, level: levelOf.get(workload(run, d.name).inputs.metadata.namespace), ...template };
    });
    expect(pods.map((pod) => `${pod.name}:${pod.level}`)).toEqual([
      "prometheus:restricted",
      "grafana:restricted",
      "jaeger:restricted",
      "node-exporter:privileged",
      "alertmanager:restricted",
    ]);
    expect(checkPodSecurity(pods).filter((verdict) => !verdict.allowed)).toEqual([]);
    const [baseline] = checkPodSecurity(pods.filter((pod) => pod.name === "node-exporter").map((pod) => ({ ...pod, level: "baseline" })));
    expect(baseline!.forbidden.join("\n")).toMatch(/host namespaces \(hostNetwork=true, hostPID=true\)/);
    expect(baseline!.forbidden.join("\n")).toMatch(/hostPath volumes/);
  });
});
