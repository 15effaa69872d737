import { COMPONENT_NAMES } from "../../config/components.ts";
import { STACK_OPTION, type CommandSpec } from "./options.ts";
import { MAX_RATE_PER_SECOND } from "../../demo/settings.ts";
import { DEMO_DEFAULTS } from "../../demo/localDefaults.ts";
import { FAULT_NAMES, FAULTS } from "../../synthetic/faults.ts";

/** Every user command's options: the parsers and the --help texts are made from these. */

export const UP_COMMAND: CommandSpec = {
  name: "up",
  summary:
    "Runs the preflight (nothing changes if it fails), creates the stack in the project's state on first use, then `pulumi up`, " +
    "which shows the plan and asks before it changes anything, then `npm run verify`.",
  options: {
    stack: { ...STACK_OPTION, short: "s" },
    "skip-verify": { type: "boolean", default: false, description: "do not run `npm run verify` after a successful `pulumi up`" },
  },
  passThrough: "pulumi up",
};

export const VERIFY_COMMAND: CommandSpec = {
  name: "verify",
  summary:
    "Talks to the running stack as a user would: Grafana (health, admin login, data sources, dashboards), Prometheus (targets, rules, " +
    "Alertmanager), Alertmanager (config, route) and Jaeger (a span back from the query API). One line per check; exit 1 when any fails.",
  options: {
    stack: STACK_OPTION,
    wait: { type: "string", value: "SECONDS", default: "60", description: "how long to wait for a stack that has just started" },
  },
};

/** A command whose only option is the stack it reads. */
function stackCommand(name: string, summary: string): CommandSpec {
  return { name, summary, options: { stack: STACK_OPTION } };
}

export const IMAGES_COMMAND = stackCommand(
  "images",
  "Prints the image of every component of the stack, one per line, pins and overrides applied (`| xargs -n1 docker pull` warms a machine).",
);

export const PREFLIGHT_COMMAND = stackCommand(
  "preflight",
  "Checks what `npm run up` needs before it changes anything: the stack config, the Pulumi CLI, the Docker engine and every host port " +
    "(or the cluster and its StorageClass), and data left under another name prefix or namespace. `up` runs it first.",
);

export const RENDER_COMMAND: CommandSpec = {
  name: "render",
  summary:
    "Writes every file the stack generates (Prometheus config and rules, Grafana provisioning and dashboards, Jaeger and Alertmanager " +
    "config), byte for byte what the program ships, without the Pulumi CLI or Docker.",
  options: {
    out: { type: "string", value: "DIR", required: true, description: "the directory to write into; files an earlier render wrote and no longer generates are removed" },
    stack: STACK_OPTION,
  },
};

export const DATA_VERBS = [
  { name: "start", description: "bring the component (and what it needs) up, leaving the rest as it is" },
  { name: "reset", description: "wipe the component's data and start it again with the same config" },
  { name: "clean", description: "remove the component and its data" },
  { name: "status", description: "running, healthy, URL and data size of each component, verify's checks; data left under another name" },
] as const;

export const DATA_COMMAND: CommandSpec = {
  name: "data",
  summary: "Starts, resets and cleans each component's data, through Pulumi's Automation API, so Pulumi's state always matches what runs.",
  positionals: [
    { name: "command", description: "what to do", choices: [...DATA_VERBS] },
    { name: "component", description: "which component", choices: [...COMPONENT_NAMES.map((name) => ({ name })), { name: "all", description: "every component" }] },
  ],
  options: {
    stack: STACK_OPTION,
    yes: { type: "boolean", short: "y", default: false, description: "delete without asking (needed without a terminal)" },
    plan: { type: "boolean", default: false, description: "reset and clean: print what would be replaced or deleted, change nothing" },
  },
};

export const DIFF_COMMAND: CommandSpec = {
  name: "diff",
  summary:
    "Renders every generated file at a base revision and in the working tree and prints what changed as Markdown: dashboards, panels, " +
    "queries, rules, and the components' config. Exit 0 either way; 1 with --check when something changed; 2 for bad input.",
  options: {
    base: { type: "string", value: "REF", description: "the branch, tag or commit to compare with (default: the merge base of HEAD and main)" },
    check: { type: "boolean", default: false, description: "exit 1 when anything changed" },
    stack: STACK_OPTION,
  },
};

export const BENCH_COMMAND: CommandSpec = {
  name: "bench",
  summary:
    "Loads a synthetic fleet into a real Prometheus, backfills the recording rules, times the usage dashboard's queries against the " +
    "same panels on the raw series and counts the series the recordings add, for each fan-out. Needs prometheus and promtool.",
  options: {
    hours: { type: "string", value: "N", default: "24", description: "hours of data to load and query, 1 to 72" },
    repeat: { type: "string", value: "N", default: "5", description: "timed rounds per query" },
    instances: { type: "string", value: "N,N", default: "6,1", description: "replicas per service (job), one fleet each" },
    keep: { type: "boolean", default: false, description: "keep the working directory" },
  },
};

export const DEMO_COMMAND: CommandSpec = {
  name: "demo",
  summary:
    "Runs a demo LLM service: simulated calls instrumented with prom-client (seed 004's usage metrics, served on /metrics with " +
    "exemplars), the OpenTelemetry SDK (GenAI server metrics pushed to Prometheus' OTLP receiver; a span per call to Jaeger). " +
    "Faults switch on and off while it runs: `curl -X PUT localhost:8000/faults/<fault>` (DELETE switches off; GET /faults lists them). " +
    `Faults: ${FAULT_NAMES.map((name) => `${name} (${FAULTS[name].description})`).join("; ")}. Stops on Ctrl-C or SIGTERM.`,
  options: {
    rate: { type: "string", value: "CALLS", default: DEMO_DEFAULTS.rate, description: `LLM calls per second in all, above 0 and at most ${MAX_RATE_PER_SECOND}` },
    agents: { type: "string", value: "LIST", default: DEMO_DEFAULTS.agents, description: "the agents (agent_id), comma-separated" },
    models: { type: "string", value: "LIST", default: DEMO_DEFAULTS.models, description: "provider/model pairs, comma-separated; every agent calls every model" },
    faults: { type: "string", value: "LIST", description: `faults on from the start, comma-separated: ${FAULT_NAMES.join(", ")}` },
    host: { type: "string", value: "ADDRESS", default: DEMO_DEFAULTS.host, description: "the address to listen on (Docker's Prometheus reaches the host's 0.0.0.0, not its 127.0.0.1)" },
    port: { type: "string", value: "PORT", default: DEMO_DEFAULTS.port, description: "the port for /metrics and /faults: where the stack scrapes your LLM service by default" },
    prometheus: { type: "string", value: "URL", default: DEMO_DEFAULTS.prometheus, description: "Prometheus, which takes the OTLP metrics" },
    otlp: { type: "string", value: "URL", default: DEMO_DEFAULTS.otlp, description: "Jaeger's OTLP/HTTP endpoint, which takes the spans" },
    "service-name": { type: "string", value: "NAME", default: DEMO_DEFAULTS["service-name"], description: "service.name of spans and pushed metrics (their Prometheus job)" },
    "export-interval": { type: "string", value: "SECONDS", default: DEMO_DEFAULTS["export-interval"], description: "how often the OpenTelemetry metrics are pushed" },
  },
};

export const README_COMMAND: CommandSpec = {
  name: "readme",
  summary: "Writes README.md's tables of config keys, ports, pinned images, requests and limits from the schema and the component descriptions.",
  options: { check: { type: "boolean", default: false, description: "write nothing; exit 1 when a table is stale" } },
};

export const COMMANDS = [UP_COMMAND, PREFLIGHT_COMMAND, VERIFY_COMMAND, RENDER_COMMAND, IMAGES_COMMAND, DATA_COMMAND, DIFF_COMMAND, BENCH_COMMAND, DEMO_COMMAND, README_COMMAND];
