import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseStackConfig } from "../../config/parse.ts";
import { describeStack } from "../../components/stack.ts";
import { renderedFiles } from "../../components/renderedFiles.ts";
import type { ComponentDescription } from "../../components/types.ts";
import { ALERTMANAGER_PORT } from "../../components/alertmanager/description.ts";
import { ALERTMANAGER_CLUSTER_PORT } from "../../components/alertmanager/cluster.ts";
import { writeRenderedFiles } from "../../cli/render/writeFiles.ts";
import { freePort, waitFor } from "../../cli/local/processes.ts";
import { componentOf } from "../../cli/local/prometheus.ts";
import { localArgs, startComponent, type Placement, type RunningComponent } from "../../cli/local/startComponent.ts";
import { startHook, type Hook } from "../support/alertmanager/webhookReceiver.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * The cluster stack's Alertmanager cluster (alertmanager.replicas: 3) as three pinned Alertmanagers on
 * 127.0.0.1: each runs the rendered arguments, its peers' DNS names and its own pod address mapped to
 * loopback ports, and the rendered alertmanager.yml notifying this test's webhook. An alert sent to all
 * three, as Prometheus sends it, is notified once; with the one that notified stopped, the next alert is
 * still notified once, by another.
 *
 * Only the timing is the test's own: the gossip converges and settles in seconds instead of a minute,
 * and a replica waits 2 s per place in the cluster, not 15, before it notifies what no peer has; a new
 * group waits 1 s (alerting.groupWait, rendered into the file).
 */
const TEST_TIMING = ["--cluster.gossip-interval=50ms", "--cluster.pushpull-interval=2s", "--cluster.settle-timeout=6s", "--cluster.peer-timeout=2s"];
/** After a notification, long enough for each other replica to have had its turn (2 s per place) had the gossip failed. */
const QUIET_MS = 5_500;
const REPLICAS = 3;

interface Replica {
  ordinal: number;
  httpPort: number;
  gossipPort: number;
  running?: RunningComponent;
}

/** What the Kubernetes target sets from the pod for a replica: its name, and its address (here loopback). */
function replicaEnvironment(d: ComponentDescription, ordinal: number): Record<string, string> {
  return Object.fromEntries(Object.entries(d.replicaEnv).map(([name, fact]) => [name, fact === "name" ? `${d.name}-${ordinal}` : "127.0.0.1"]));
}

/**
 * A replica's rendered arguments on loopback: listen addresses and paths moved as for any component, $(VAR)
 * expanded as Kubernetes does from the pod's environment, each peer's DNS name (alertmanager-<n>.…:9094)
 * and its own advertised gossip port mapped to that replica's loopback gossip port.
 */
function argsOnLoopback(d: ComponentDescription, replica: Replica, all: Replica[], placement: Placement): string[] {
  const env = replicaEnvironment(d, replica.ordinal);
  return localArgs(d, placement).map((arg) => {
    const expanded = arg.replace(/\$\((\w+)\)/g, (_, name: string) => {
      if (env[name] === undefined) throw new Error(`${arg}: the pod sets no ${name}`);
      return env[name];
    });
    const peer = /^--cluster\.peer=alertmanager-(\d+)\.[a-z0-9.-]+:(\d+)$/.exec(expanded);
    if (peer) {
      if (Number(peer[2]) !== ALERTMANAGER_CLUSTER_PORT) throw new Error(`${arg}: not the gossip port`);
      return `--cluster.peer=127.0.0.1:${all[Number(peer[1])]!.gossipPort}`;
    }
    if (expanded.startsWith("--cluster.advertise-address=")) return expanded.replace(`:${ALERTMANAGER_CLUSTER_PORT}`, `:${replica.gossipPort}`);
    return expanded;
  });
}

interface Status {
  cluster: { status: string; peers: { name: string; address: string }[] };
}

async function status(replica: Replica): Promise<Status> {
  return (await (await fetch(`${replica.running!.urlOf(ALERTMANAGER_PORT)}/api/v2/status`)).json()) as Status;
}

/** One alert, posted to every replica that answers, as Prometheus posts to each Alertmanager it is given. */
async function sendToAll(replicas: Replica[], alertname: string): Promise<number> {
  const now = Date.now();
  const alert = {
    labels: { alertname, severity: "critical", job: "replica-test" },
    annotations: { summary: `${alertname} from the test` },
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 10 * 60_000).toISOString(),
  };
  const results = await Promise.allSettled(
    replicas.map((replica) =>
      fetch(`http://127.0.0.1:${replica.httpPort}/api/v2/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([alert]) }),
    ),
  );
  return results.filter((result) => result.status === "fulfilled" && result.value.ok).length;
}

interface Notification {
  externalURL: string;
  alerts: { status: string; labels: Record<string, string> }[];
}

const dir = mkdtempSync(join(tmpdir(), "llmobs-am-cluster-"));
const replicas: Replica[] = [];
let hook: Hook;
let alertmanager: ComponentDescription;

const notificationsOf = (alertname: string) =>
  (hook.bodies as Notification[]).filter((body) => body.alerts.some((a) => a.status === "firing" && a.labels.alertname === alertname));
const context = () => replicas.map((r) => `--- alertmanager-${r.ordinal}\n${r.running?.output().slice(-2500) ?? ""}`).join("\n");
/** Which replica sent a notification: its external URL names its HTTP port. */
const senderOf = (notification: Notification) => replicas.find((r) => new URL(notification.externalURL).port === String(r.httpPort));

/** Waits for the alert's first notification, then a quiet while, and returns every notification of it. */
async function notificationsAfterQuiet(alertname: string): Promise<Notification[]> {
  await waitFor(`${alertname} at the webhook`, async () => (notificationsOf(alertname).length > 0 ? true : undefined), { timeoutMs: 30_000, context });
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  return notificationsOf(alertname);
}

beforeAll(async () => {
  hook = await startHook();
  const secretFile = join(dir, "webhook-url");
  writeFileSync(secretFile, hook.url);
  const config = parseStackConfig(
    { values: { target: "kubernetes", alertmanager: { replicas: REPLICAS }, alerting: { groupWait: "1s" } }, secrets: { alertmanagerWebhookUrl: hook.url } },
    STACK_FACTS,
  );
  const stack = describeStack(config, { secretPath: () => secretFile });
  alertmanager = componentOf(stack, "alertmanager");
  writeRenderedFiles(renderedFiles(stack), dir);
  for (let ordinal = 0; ordinal < REPLICAS; ordinal++) replicas.push({ ordinal, httpPort: await freePort(), gossipPort: await freePort() });
  const runningAll = await Promise.allSettled(
    replicas.map(async (replica) => {
      const placement: Placement = {
        renderDir: dir,
        dataDir: join(dir, `data-${replica.ordinal}`),
        ports: { [ALERTMANAGER_PORT]: replica.httpPort, [ALERTMANAGER_CLUSTER_PORT]: replica.gossipPort },
      };
      replica.running = await startComponent("alertmanager", alertmanager, placement, [...argsOnLoopback(alertmanager, replica, replicas, placement), ...TEST_TIMING]);
    }),
  );
  const failed = runningAll.find((result) => result.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  // One cluster of three, settled, before anything is sent: each sees all three members.
  await waitFor(
    "three Alertmanagers gossiping as one settled cluster",
    async () => {
      const states = await Promise.all(replicas.map(status));
      return states.every((s) => s.cluster.status === "ready" && s.cluster.peers.length === REPLICAS) ? true : undefined;
    },
    { timeoutMs: 30_000, context },
  );
});

afterAll(async () => {
  // One at a time: each leaves the cluster with the others there to take note, instead of waiting on peers that are leaving too.
  for (const replica of replicas) await replica.running?.stop();
  hook?.server.close();
});

describe("three Alertmanagers from the rendered arguments", () => {
  test("each gossips on its own port and advertises it: every member is at a replica's gossip address", async () => {
    const expected = replicas.map((r) => `127.0.0.1:${r.gossipPort}`).sort();
    for (const replica of replicas) {
      expect((await status(replica)).cluster.peers.map((peer) => peer.address).sort()).toEqual(expected);
    }
  });

  test("a silence set on one is on the others", async () => {
    const now = Date.now();
    const response = await fetch(`${replicas[0]!.running!.urlOf(ALERTMANAGER_PORT)}/api/v2/silences`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        matchers: [{ name: "alertname", value: "NothingFiresThis", isRegex: false, isEqual: true }],
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
        createdBy: "test",
        comment: "gossip",
      }),
    });
    const { silenceID } = (await response.json()) as { silenceID: string };
    for (const replica of replicas.slice(1)) {
      await waitFor(`the silence on alertmanager-${replica.ordinal}`, async () =>
        (await fetch(`${replica.running!.urlOf(ALERTMANAGER_PORT)}/api/v2/silence/${silenceID}`)).ok ? true : undefined,
      );
    }
  });
});

describe("an alert sent to every replica", () => {
  let firstSender: Replica | undefined;

  test("reaches the webhook exactly once", async () => {
    expect(await sendToAll(replicas, "ReplicaClusterFirst")).toBe(REPLICAS);
    const notifications = await notificationsAfterQuiet("ReplicaClusterFirst");
    expect(notifications).toHaveLength(1);
    firstSender = senderOf(notifications[0]!);
    expect(firstSender, notifications[0]!.externalURL).toBeDefined();
    // Every replica holds the alert: any of them could have notified it.
    for (const replica of replicas) {
      const alerts = (await (await fetch(`${replica.running!.urlOf(ALERTMANAGER_PORT)}/api/v2/alerts`)).json()) as { labels: Record<string, string> }[];
      expect(alerts.map((a) => a.labels.alertname), `alertmanager-${replica.ordinal}`).toContain("ReplicaClusterFirst");
    }
  });

  test("with the replica that notified stopped, the next alert still arrives exactly once, from another", async () => {
    expect(firstSender).toBeDefined();
    await firstSender!.running!.stop();
    const remaining = replicas.filter((r) => r !== firstSender);
    await waitFor("the two left to see each other alone", async () => {
      const states = await Promise.all(remaining.map(status));
      return states.every((s) => s.cluster.peers.length === REPLICAS - 1) ? true : undefined;
    }, { timeoutMs: 30_000, context });
    // Prometheus still sends to all three; the stopped one refuses.
    expect(await sendToAll(replicas, "ReplicaClusterSecond")).toBe(REPLICAS - 1);
    const notifications = await notificationsAfterQuiet("ReplicaClusterSecond");
    expect(notifications).toHaveLength(1);
    const sender = senderOf(notifications[0]!);
    expect(sender).toBeDefined();
    expect(sender).not.toBe(firstSender);
    // The first alert is not notified again by the replicas left (its group's interval has not passed).
    expect(notificationsOf("ReplicaClusterFirst")).toHaveLength(1);
  });
});
