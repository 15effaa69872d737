import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { strayClaims, type DataOwners } from "../../cli/preflight/strayData.ts";
import { preflight } from "../../cli/preflight/run.ts";
import { fakeExec } from "../support/cli/fakeExec.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/*
 * A component moved between one instance and replicas mounts other claims than before: its data stays on
 * the old ones, and the next `up` starts it on new, empty claims. The preflight (so `npm run up`) says so
 * before it happens, as it does for data left under another namespace or prefix.
 */

const cluster = (values: Record<string, unknown> = {}) =>
  parseStackConfig({ values: { target: "kubernetes", kubernetes: { context: "prod" }, ...values }, secrets: {} }, STACK_FACTS);
const owners: DataOwners = { dockerPrefixes: new Set(), claims: new Set(["llmobs/llmobs"]) };

/** `kubectl get persistentvolumeclaims --all-namespaces --selector app.kubernetes.io/part-of=llmobs --output=json`, the stack's own claims. */
const claims = (...items: [name: string, component: string, epoch?: number][]) => ({
  "kubectl --context prod get persistentvolumeclaims": {
    stdout: JSON.stringify({
      items: items.map(([name, component, epoch = 0]) => ({
        metadata: {
          name,
          namespace: "llmobs",
          labels: {
            "app.kubernetes.io/part-of": "llmobs",
            "app.kubernetes.io/instance": "llmobs",
            "app.kubernetes.io/name": component,
            "llmobs.dev/data-epoch": String(epoch),
          },
        },
      })),
    }),
  },
});
const ONE_INSTANCE: [string, string][] = [
  ["llmobs-prometheus-data", "prometheus"],
  ["llmobs-grafana-data", "grafana"],
  ["llmobs-jaeger-data", "jaeger"],
  ["llmobs-alertmanager-data", "alertmanager"],
];
const replicaClaims = (component: string, count: number): [string, string][] =>
  Array.from({ length: count }, (_, n) => [`llmobs-${component}-data-${component}-${n}`, component]);
const DELETE = "kubectl --context prod --namespace llmobs delete pvc";

describe("the stack's own claims its config does not mount", () => {
  test("every claim mounted (one instance each, as deployed): nothing to say", async () => {
    expect(await strayClaims(fakeExec(claims(...ONE_INSTANCE)), cluster(), "cluster", owners)).toEqual([]);
  });

  test("one Alertmanager becoming three: said before `up`, which starts them on new, empty claims, with how to keep the data", async () => {
    const checks = await strayClaims(fakeExec(claims(...ONE_INSTANCE)), cluster({ alertmanager: { replicas: 3 } }), "cluster", owners);
    expect(checks).toEqual([
      {
        name: "alertmanager data this stack does not mount",
        ok: false,
        warning: true,
        detail:
          "1 PersistentVolumeClaim of this stack that alertmanager as 3 replicas (alertmanager.replicas) does not mount (llmobs-alertmanager-data); " +
          "the next `up` starts alertmanager on new, empty claims (llmobs-alertmanager-data-alertmanager-0, llmobs-alertmanager-data-alertmanager-1, " +
          "llmobs-alertmanager-data-alertmanager-2): the data above is not carried over",
        fix:
          "To use that data again: `pulumi config set --path llmobs:alertmanager.replicas 1 --stack cluster`. " +
          `To delete it: \`${DELETE} llmobs-alertmanager-data\`.`,
      },
    ]);
  });

  test("once the replicas run, the old claim is still named, without the warning about new claims", async () => {
    const exec = fakeExec(claims(...ONE_INSTANCE, ...replicaClaims("prometheus", 2)));
    const [check, ...others] = await strayClaims(exec, cluster({ prometheus: { replicas: 2 } }), "cluster", owners);
    expect(others).toEqual([]);
    expect(check!.name).toBe("prometheus data this stack does not mount");
    expect(check!.detail).toBe("1 PersistentVolumeClaim of this stack that prometheus as 2 replicas (prometheus.replicas) does not mount (llmobs-prometheus-data)");
    expect(check!.fix).toContain("`pulumi config set --path llmobs:prometheus.replicas 1 --stack cluster`");
  });

  test("replicas becoming one instance again: their claims are named, with the count that mounts them again", async () => {
    const exec = fakeExec(claims(...ONE_INSTANCE.filter(([, c]) => c !== "alertmanager"), ...replicaClaims("alertmanager", 3)));
    const [check] = await strayClaims(exec, cluster(), "cluster", owners);
    expect(check!.detail).toContain("3 PersistentVolumeClaims of this stack that alertmanager as one instance does not mount");
    expect(check!.detail).toContain("the next `up` starts alertmanager on new, empty claims (llmobs-alertmanager-data)");
    expect(check!.fix).toBe(
      "To use that data again: `pulumi config set --path llmobs:alertmanager.replicas 3 --stack cluster`. " +
        `To delete it: \`${DELETE} llmobs-alertmanager-data-alertmanager-0 llmobs-alertmanager-data-alertmanager-1 llmobs-alertmanager-data-alertmanager-2\`.`,
    );
  });

  test("fewer replicas: the claim of the replica no longer run, and nothing new", async () => {
    const exec = fakeExec(claims(...ONE_INSTANCE.filter(([, c]) => c !== "alertmanager"), ...replicaClaims("alertmanager", 3)));
    const [check] = await strayClaims(exec, cluster({ alertmanager: { replicas: 2 } }), "cluster", owners);
    expect(check!.detail).toBe(
      "1 PersistentVolumeClaim of this stack that alertmanager as 2 replicas (alertmanager.replicas) does not mount (llmobs-alertmanager-data-alertmanager-2)",
    );
    expect(check!.fix).toContain("`pulumi config set --path llmobs:alertmanager.replicas 3 --stack cluster`");
  });

  test("claims of an earlier epoch (a reset that stopped part-way): named, to delete, not to mount again", async () => {
    const exec = fakeExec(claims(...ONE_INSTANCE.filter(([, c]) => c !== "grafana"), ["llmobs-grafana-data", "grafana", 0], ["llmobs-grafana-data-1", "grafana", 1]));
    const [check] = await strayClaims(exec, cluster({ dataEpochs: { grafana: 1 } }), "cluster", owners);
    expect(check!.detail).toBe(
      "1 PersistentVolumeClaim of this stack that grafana as one instance does not mount (llmobs-grafana-data); " +
        "llmobs-grafana-data is of an earlier data epoch (a reset that stopped part-way)",
    );
    expect(check!.fix).toBe(`To delete it: \`${DELETE} llmobs-grafana-data\`.`);
  });

  test("claims of another namePrefix in the namespace are another stack's concern, not this one's", async () => {
    const exec = fakeExec(claims(...ONE_INSTANCE));
    expect(await strayClaims(exec, cluster({ namePrefix: "obs" }), "cluster", { ...owners, claims: new Set(["llmobs/llmobs", "llmobs/obs"]) })).toEqual([]);
  });
});

test("the preflight warns before `up` moves Alertmanager onto new claims, and still passes that check", async () => {
  const exec = fakeExec({
    "pulumi version": { stdout: "v3.250.0\n" },
    "kubectl --context prod version": { stdout: JSON.stringify({ clientVersion: { gitVersion: "v1.33.1" }, serverVersion: { gitVersion: "v1.32.4" } }) },
    ...claims(...ONE_INSTANCE),
  });
  const printed: string[] = [];
  // Other cluster checks fail without their answers here; the lines asserted on are printed either way.
  await preflight(cluster({ alertmanager: { replicas: 3 } }), exec, (line) => printed.push(line), { stackName: "cluster", owners: () => owners }).catch(() => undefined);
  expect(printed.join("\n")).toMatch(/warn alertmanager data this stack does not mount: 1 PersistentVolumeClaim .*the next `up` starts alertmanager on new, empty claims/);
});
