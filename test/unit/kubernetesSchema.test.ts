import { describe, expect, test } from "vitest";
import { validateManifests, type Manifest } from "../support/kubernetes/apiSchema.ts";

function deployment(container: Record<string, unknown>): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" } },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27.0", resources: { limits: { cpu: "1", memory: "1Gi" } }, ...container }] },
      },
    },
  };
}

describe("the offline Kubernetes schema check", () => {
  test("accepts a valid Deployment and Service, labels and resource maps included", () => {
    const service: Manifest = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { type: "ClusterIP", selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http" }] },
    };
    expect(validateManifests([deployment({ imagePullPolicy: "IfNotPresent" }), service])).toEqual([]);
  });

  test("rejects a misspelt field, naming its path", () => {
    expect(validateManifests([deployment({ imagePullPolcy: "IfNotPresent" })])).toEqual([
      'Deployment/web: spec.template.spec.containers[0].imagePullPolcy: unknown field "imagePullPolcy" (Container has no such field)',
    ]);
  });

  test("rejects a value outside an enum and a missing required field", () => {
    const problems = validateManifests([deployment({ imagePullPolicy: "Sometimes", name: undefined })]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Deployment\/web: .*imagePullPolicy.*allowed values/s);
    expect(problems[0]).toMatch(/must have required property name/);
  });

  test("rejects a field of the wrong type", () => {
    const problems = validateManifests([deployment({ ports: [{ containerPort: "http" }] })]);
    expect(problems.join("\n")).toMatch(/containerPort.*must be integer/s);
  });
});
