import { beforeAll, describe, expect, test } from "vitest";
import { runProgram, type ProgramRun } from "../support/pulumi/program.ts";
import { FakePlatform, RecordingStack, stateFrom } from "../support/pulumi/dataDoubles.ts";
import { parseStackConfig } from "../../config/parse.ts";
import type { StackConfig } from "../../config/schema.ts";
import { describeStack } from "../../components/stack.ts";
import { COMPONENT_NAMES, type ComponentName } from "../../config/components.ts";
import { parseDataArgs } from "../../cli/data/args.ts";
import { runData, PartialFailure, type DataDependencies } from "../../cli/data/run.ts";
import { componentPatterns, urnMatches } from "../../cli/data/urns.ts";
import { componentResources } from "../../cli/data/plan.ts";
import { PreconditionError } from "../../cli/commandLine/run.ts";
import type { StateResource } from "../../cli/data/stackOps.ts";
import { ProgressView } from "../../cli/data/progress.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/**
 * The data command's Automation API calls for each verb and target, against a recording stand-in for the
 * workspace (the Pulumi CLI cannot run here), with the stack's state taken from the real program run
 * under Pulumi's mocks, so the URNs and names are the ones Pulumi would hold.
 */
let docker: ProgramRun;
let cluster: ProgramRun;

beforeAll(async () => {
  // With the demo, so every component's resources are in the state.
  docker = await runProgram("program/index.ts", { "llmobs:target": "docker", "llmobs:demo": { enabled: true } });
  cluster = await runProgram("program/index.ts?cluster", { "llmobs:target": "kubernetes", "llmobs:demo": { enabled: true } }, { stack: "cluster" });
});

const GB = 1e9;

function setup(
  argv: string[],
  options: { target?: "docker" | "kubernetes"; interactive?: boolean; answer?: boolean; epochs?: Record<string, number> } = {},
) {
  const target = options.target ?? "docker";
  const config: StackConfig = parseStackConfig({ values: { target, ...(options.epochs ? { dataEpochs: options.epochs } : {}) }, secrets: {} }, STACK_FACTS);
  const request = parseDataArgs(argv);
  const state = stateFrom((target === "docker" ? docker : cluster).resources);
  const stack = new RecordingStack(request.stack, state);
  const kind = target === "docker" ? "Docker volume" : "PersistentVolumeClaim";
  const platform = new FakePlatform(target === "docker" ? "Docker" : "Kubernetes namespace llmobs", kind, {
    prometheus: [{ name: "llmobs-prometheus-data", epoch: 0, bytes: 1.2 * GB }],
    grafana: [{ name: "llmobs-grafana-data", epoch: 0, bytes: 40e6 }],
    jaeger: [{ name: "llmobs-jaeger-data", epoch: 0, bytes: 300e6 }],
    alertmanager: [{ name: "llmobs-alertmanager-data", epoch: 0, bytes: 1e5 }],
  });
  const printed: string[] = [];
  const questions: string[] = [];
  const events: string[] = [];
  let preflightRuns = 0;
  const deps: DataDependencies = {
    config,
    stack: describeStack(config),
    stackName: request.stack,
    platform,
    urls: { "grafana.http": "http://localhost:3005", "prometheus.http": "http://localhost:9090" },
    preflight: async () => {
      preflightRuns++;
    },
    verify: async (components) => components.map((component) => ({ name: component, ok: true, detail: "answers" })),
    openStack: async () => stack,
    confirm: async (question) => {
      questions.push(question);
      if (request.yes) return true;
      if (!options.interactive) throw new PreconditionError("Refusing to delete data without a terminal to confirm on; nothing was changed. Pass --yes to confirm.");
      return options.answer ?? false;
    },
    print: (line) => printed.push(line),
    progress: () => new ProgressView((text) => events.push(text), false),
  };
  return { request, deps, stack, platform, printed, questions, events, preflightRuns: () => preflightRuns };
}

function urnsOf(state: StateResource[], component: ComponentName): string[] {
  return state.filter((r) => r.urn.includes(`Component::${component}`) || r.parent?.endsWith(`Component::${component}`)).map((r) => r.urn);
}

describe("URN patterns select exactly one component's resources", () => {
  test.each(COMPONENT_NAMES.map((c) => [c] as const))("Docker: %s", (component) => {
    const state = stateFrom(docker.resources);
    const config = parseStackConfig({ values: { target: "docker" }, secrets: {} }, STACK_FACTS);
    const selected = componentResources(state, "local", config, component).map((r) => r.urn).sort();
    expect(selected).toEqual(urnsOf(state, component).sort());
    expect(selected.length).toBeGreaterThan(1);
  });

  test.each(COMPONENT_NAMES.map((c) => [c] as const))("Kubernetes: %s", (component) => {
    const state = stateFrom(cluster.resources);
    const config = parseStackConfig({ values: { target: "kubernetes" }, secrets: {} }, STACK_FACTS);
    const selected = componentResources(state, "cluster", config, component).map((r) => r.urn).sort();
    expect(selected).toEqual(urnsOf(state, component).sort());
  });

  test("shared resources (network, password, provider, namespace) belong to no component", () => {
    const config = parseStackConfig({ values: { target: "docker" }, secrets: {} }, STACK_FACTS);
    const shared = stateFrom(docker.resources).filter((r) => !r.parent && !r.type.startsWith("llmobs:"));
    for (const resource of shared) {
      for (const component of COMPONENT_NAMES) {
        for (const pattern of componentPatterns("local", config, component)) expect(urnMatches(pattern, resource.urn)).toBe(false);
      }
    }
  });
});

describe("start", () => {
  test("one component: an up that excludes every other component", async () => {
    const { request, deps, stack, printed } = setup(["start", "grafana"]);
    await runData(request, deps);
    const calls = stack.calls.filter((c) => c.call !== "resources");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.call).toBe("up");
    const exclude = calls[0]!.options!.exclude!;
    expect(exclude).toEqual(["prometheus", "jaeger", "node-exporter", "alertmanager", "demo"].flatMap((c) => componentPatterns("local", deps.config, c as ComponentName)));
    // Grafana's own resources are not excluded.
    const grafana = urnsOf(stateFrom(docker.resources), "grafana");
    expect(grafana.every((urn) => !exclude.some((pattern) => urnMatches(pattern, urn)))).toBe(true);
    expect(printed.at(-1)).toBe("done: 2 replaced, 9 unchanged in 4 s");
  });

  test("all: a plain up", async () => {
    const { request, deps, stack } = setup(["start", "all"]);
    await runData(request, deps);
    expect(stack.calls).toEqual([{ call: "up", options: {} }]);
  });
});

describe("reset", () => {
  test("--plan prints exactly what would be replaced and deleted, and changes nothing", async () => {
    const { request, deps, stack, platform, printed } = setup(["reset", "prometheus", "--plan"]);
    await runData(request, deps);
    expect(printed.join("\n")).toBe(
      [
        "reset prometheus (stack local, Docker):",
        "  replace  Volume                 prometheus-data (llmobs-prometheus-data)",
        "  replace  Container              prometheus (llmobs-prometheus)",
        "  config   llmobs:dataEpochs.prometheus: 0 -> 1 (new, empty Docker volume llmobs-prometheus-data-1)",
        "  DELETE   Docker volume llmobs-prometheus-data with its data (1.2 GB)",
        "  1.2 GB of data will be deleted; nothing else in the stack changes.",
      ].join("\n"),
    );
    expect(stack.calls.map((c) => c.call)).toEqual(["resources"]);
    expect(platform.deleted).toEqual([]);
  });

  test("--yes: bumps the epoch, brings the component up alone on the new volume, then deletes the old one", async () => {
    const { request, deps, stack, platform, printed } = setup(["reset", "prometheus", "--yes"]);
    await runData(request, deps);
    expect(stack.calls.map((c) => c.call)).toEqual(["resources", "setEpoch", "up"]);
    expect(stack.calls[1]!.args).toEqual(["prometheus", 1]);
    expect(stack.calls[2]!.options).toEqual({
      exclude: ["grafana", "jaeger", "node-exporter", "alertmanager", "demo"].flatMap((c) => componentPatterns("local", deps.config, c as ComponentName)),
    });
    expect(platform.deleted).toEqual(["llmobs-prometheus-data"]);
    expect(printed).toContain("prometheus: 1.2 GB of data removed.");
  });

  test("a second reset moves from epoch 1 to 2 and deletes every older volume", async () => {
    const { request, deps, stack } = setup(["reset", "grafana", "--yes"], { epochs: { grafana: 1 } });
    await runData(request, deps);
    expect(stack.calls.find((c) => c.call === "setEpoch")!.args).toEqual(["grafana", 2]);
  });

  test("asks first, and a no changes nothing", async () => {
    const { request, deps, stack, platform, questions, printed } = setup(["reset", "grafana"], { interactive: true, answer: false });
    await runData(request, deps);
    expect(questions).toEqual(["Delete all data of grafana and start it again on an empty volume?"]);
    expect(stack.calls.map((c) => c.call)).toEqual(["resources"]);
    expect(platform.deleted).toEqual([]);
    expect(printed.at(-1)).toBe("grafana: nothing was changed.");
  });

  test("without a terminal and without --yes it refuses before changing anything", async () => {
    const { request, deps, stack, platform } = setup(["reset", "grafana"]);
    await expect(runData(request, deps)).rejects.toThrow(/Pass --yes/);
    expect(stack.calls.map((c) => c.call)).toEqual(["resources"]);
    expect(platform.deleted).toEqual([]);
  });

  test("node-exporter keeps no data: nothing to reset", async () => {
    const { request, deps, stack, printed } = setup(["reset", "node-exporter", "--yes"]);
    await runData(request, deps);
    expect(stack.calls).toEqual([]);
    expect(printed).toEqual(["reset node-exporter: it keeps no data; nothing to reset."]);
  });

  test("a failure part-way leaves the rest alone and says how to finish", async () => {
    const { request, deps, stack, platform } = setup(["reset", "all", "--yes"]);
    stack.calls.length = 0;
    // prometheus resets; grafana's up fails.
    const up = stack.up.bind(stack);
    let ups = 0;
    stack.up = async (options, onStep) => {
      ups++;
      if (ups === 2) {
        stack.calls.push({ call: "up", options });
        throw new Error("container llmobs-grafana did not become healthy");
      }
      return up(options, onStep);
    };
    const error = await runData(request, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialFailure);
    const message = (error as Error).message;
    expect(message).toContain("reset grafana stopped part-way: container llmobs-grafana did not become healthy");
    expect(message).toContain("the old data is still there");
    expect(message).toContain("npm run data -- start grafana --stack local");
    expect(message).toContain("docker volume rm llmobs-grafana-data");
    expect(message).toContain("Not started: jaeger, node-exporter, alertmanager, demo; their data is untouched.");
    // prometheus was reset; grafana's old data is kept; the others were not touched.
    expect(platform.deleted).toEqual(["llmobs-prometheus-data"]);
    expect(stack.calls.filter((c) => c.call === "setEpoch").map((c) => c.args)).toEqual([
      ["prometheus", 1],
      ["grafana", 1],
    ]);
  });
});

describe("clean", () => {
  test("--plan lists every resource that goes and the data deleted", async () => {
    const { request, deps, stack, printed } = setup(["clean", "jaeger", "--plan"]);
    await runData(request, deps);
    const text = printed.join("\n");
    expect(text).toContain("clean jaeger (stack local, Docker):");
    for (const line of [
      "  delete   Component              jaeger",
      "  delete   RemoteImage            jaeger-image (jaegertracing/jaeger:2.19.0)",
      "  delete   Volume                 jaeger-data (llmobs-jaeger-data)",
      "  delete   Container              jaeger (llmobs-jaeger)",
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toContain("  DELETE   Docker volume llmobs-jaeger-data with its data (300.0 MB)");
    expect(stack.calls.map((c) => c.call)).toEqual(["resources"]);
  });

  test("--yes: destroys the component's resources, then deletes its volume and says how much", async () => {
    const { request, deps, stack, platform, printed, events } = setup(["clean", "jaeger", "--yes"]);
    await runData(request, deps);
    expect(stack.calls.map((c) => c.call)).toEqual(["resources", "destroy"]);
    expect(stack.calls[1]!.options).toEqual({ target: componentPatterns("local", deps.config, "jaeger"), targetDependents: true });
    expect(platform.deleted).toEqual(["llmobs-jaeger-data"]);
    expect(printed).toContain("jaeger: 300.0 MB of data removed.");
    // One live line per resource as Pulumi reports it.
    expect(events).toEqual(["  ...    delete             example                thing\n", "  ok     delete             example                thing\n"]);
  });

  test("a failed destroy deletes no data", async () => {
    const { request, deps, stack, platform } = setup(["clean", "grafana", "--yes"]);
    stack.failNext = { call: "destroy", message: "the Docker daemon went away" };
    await expect(runData(request, deps)).rejects.toThrow(/Its data is untouched/);
    expect(platform.deleted).toEqual([]);
  });

  test("on the cluster stack: the Kubernetes component's resources, and its claim", async () => {
    const { request, deps, stack, platform } = setup(["clean", "prometheus", "--stack", "cluster", "--yes"], { target: "kubernetes" });
    await runData(request, deps);
    expect(stack.calls[1]!.options!.target).toEqual([
      "urn:pulumi:cluster::llmobs::llmobs:kubernetes:Component::prometheus",
      "urn:pulumi:cluster::llmobs::llmobs:kubernetes:Component$**::prometheus*",
    ]);
    expect(platform.deleted).toEqual(["llmobs-prometheus-data"]);
  });

  test("reset on the cluster stack replaces the claim and the Deployment", async () => {
    const { request, deps, printed } = setup(["reset", "grafana", "--stack", "cluster", "--plan"], { target: "kubernetes" });
    await runData(request, deps);
    const text = printed.join("\n");
    expect(text).toContain("replace  PersistentVolumeClaim  grafana-data (llmobs-grafana-data)");
    expect(text).toContain("replace  Deployment             grafana");
    expect(text).toContain("DELETE   PersistentVolumeClaim llmobs-grafana-data");
  });
});

describe("preflight", () => {
  test("runs before anything else, and a failing one changes nothing", async () => {
    const { request, deps, stack } = setup(["reset", "grafana", "--yes"]);
    deps.preflight = async () => {
      throw new PreconditionError("1 check failed; nothing was changed.");
    };
    await expect(runData(request, deps)).rejects.toThrow(/nothing was changed/);
    expect(stack.calls).toEqual([]);
  });
});

describe("status", () => {
  test("per component: running, healthy, data size and URL", async () => {
    const { request, deps, printed } = setup(["status", "all"]);
    deps.platform = new FakePlatform(
      "Docker",
      "Docker volume",
      { grafana: [{ name: "llmobs-grafana-data", epoch: 0, bytes: 40e6 }] },
      [
        { component: "grafana", running: true, healthy: true, detail: "Up 2 hours (healthy)" },
        { component: "prometheus", running: false, healthy: false, detail: "Exited (1) 3 minutes ago" },
      ],
    );
    await runData(request, deps);
    expect(printed.join("\n").split("\n")).toEqual([
      "status of stack local (Docker):",
      "  component     state     health    data          url",
      "  prometheus    stopped   -         none yet      http://localhost:9090",
      "  grafana       running   healthy   40.0 MB       http://localhost:3005",
      "  jaeger        absent    -         none yet      -",
      "  node-exporter absent    -         -             -",
      "  alertmanager  absent    -         none yet      -",
      "  demo          absent    -         -             -",
      "checks (as npm run verify):",
      "  ok   prometheus: answers",
      "  ok   grafana: answers",
      "  ok   jaeger: answers",
      "  ok   node-exporter: answers",
      "  ok   alertmanager: answers",
      "  ok   demo: answers",
    ]);
  });

  test("a failing check is printed with what to do, and the command fails", async () => {
    const { request, deps, printed } = setup(["status", "grafana"]);
    let asked: string[] = [];
    deps.verify = async (components) => {
      asked = components;
      return [{ name: "Grafana login", ok: false, detail: "HTTP 401", fix: "npm run data -- reset grafana" }];
    };
    await expect(runData(request, deps)).rejects.toThrow("1 check failed");
    expect(asked).toEqual(["grafana"]);
    expect(printed.join("\n")).toContain("  FAIL Grafana login: HTTP 401\n       -> npm run data -- reset grafana");
  });
});
