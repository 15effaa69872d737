import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { type ConfigProblem } from "../../config/problems.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { configWarnings } from "../../config/warnings.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

const problemsOf = (values: Record<string, unknown>): ConfigProblem[] => configProblems(values);

const k8s = (kubernetes: Record<string, unknown>) => ({ target: "kubernetes", kubernetes });

// [what, values, the key blamed]: each value alone is refused, and the message names it.
const REFUSED: [string, Record<string, unknown>, string][] = [
  ["scrape interval 0s", { prometheus: { scrapeInterval: "0s" } }, "prometheus.scrapeInterval"],
  ["scrape interval 0m", { prometheus: { scrapeInterval: "0m" } }, "prometheus.scrapeInterval"],
  ["scrape interval 0h", { prometheus: { scrapeInterval: "0h" } }, "prometheus.scrapeInterval"],
  ["scrape interval 0d", { prometheus: { scrapeInterval: "0d" } }, "prometheus.scrapeInterval"],
  ["scrape interval 0ms", { prometheus: { scrapeInterval: "0ms" } }, "prometheus.scrapeInterval"],
  ["scrape interval 0m0s", { prometheus: { scrapeInterval: "0m0s" } }, "prometheus.scrapeInterval"],
  ["scrape interval empty", { prometheus: { scrapeInterval: "" } }, "prometheus.scrapeInterval"],
  ["scrape interval without a unit", { prometheus: { scrapeInterval: 15 } }, "prometheus.scrapeInterval"],
  ["scrape interval with a decimal", { prometheus: { scrapeInterval: "1.5m" } }, "prometheus.scrapeInterval"],
  ["scrape interval units out of order", { prometheus: { scrapeInterval: "30s1m" } }, "prometheus.scrapeInterval"],
  ["scrape interval 3m, over half the 5m rate window", { prometheus: { scrapeInterval: "3m" } }, "prometheus.scrapeInterval"],
  ["scrape interval 5m, the whole rate window", { prometheus: { scrapeInterval: "5m" } }, "prometheus.scrapeInterval"],
  ["scrape interval 1h", { prometheus: { scrapeInterval: "1h" } }, "prometheus.scrapeInterval"],
  ["evaluation interval 0m", { prometheus: { evaluationInterval: "0m" } }, "prometheus.evaluationInterval"],
  ["evaluation interval 0h", { prometheus: { evaluationInterval: "0h" } }, "prometheus.evaluationInterval"],
  ["evaluation interval 0s", { prometheus: { evaluationInterval: "0s" } }, "prometheus.evaluationInterval"],
  ["retention time 0d", { prometheus: { retentionTime: "0d" } }, "prometheus.retentionTime"],
  ["group interval 0m", { alerting: { groupInterval: "0m" } }, "alerting.groupInterval"],
  ["repeat interval 0h", { alerting: { repeatInterval: "0h" } }, "alerting.repeatInterval"],
  ["target down for 0m", { thresholds: { targetDownFor: "0m" } }, "thresholds.targetDownFor"],
  ["span retention 0h", { jaeger: { spanRetention: "0h" } }, "jaeger.spanRetention"],
  ["span retention 0.0s", { jaeger: { spanRetention: "0.0s" } }, "jaeger.spanRetention"],
  ["job name prometheus", { llmService: { jobName: "prometheus" } }, "llmService[0].jobName"],
  ["job name grafana", { llmService: { jobName: "grafana" } }, "llmService[0].jobName"],
  ["job name jaeger", { llmService: { jobName: "jaeger" } }, "llmService[0].jobName"],
  ["job name node-exporter", { llmService: { jobName: "node-exporter" } }, "llmService[0].jobName"],
  ["job name alertmanager", { llmService: { jobName: "alertmanager" } }, "llmService[0].jobName"],
  ["job name kubernetes-pods on the cluster", { target: "kubernetes", llmService: { jobName: "kubernetes-pods" } }, "llmService[0].jobName"],
  ["job name prometheus on the cluster", { target: "kubernetes", llmService: { jobName: "prometheus" } }, "llmService[0].jobName"],
  ["job name grafana, second of the list", { llmService: [{ jobName: "llm-proxy" }, { jobName: "grafana", targets: ["b:1"] }] }, "llmService[1].jobName"],
  ["two services of one job", { llmService: [{ jobName: "llm-proxy", targets: ["a:1"] }, { jobName: "llm-proxy", targets: ["b:1"] }] }, "llmService[1].jobName"],
  ["two services, both the default job", { llmService: [{ targets: ["a:1"] }, { targets: ["b:1"] }] }, "llmService[1].jobName"],
  ["an empty list of services", { llmService: [] }, "llmService"],
  ["a service that is no object", { llmService: ["api:8000"] }, "llmService[0]"],
  ["an unknown key in a service", { llmService: [{ jobName: "a", target: ["a:1"] }] }, "llmService[0].target"],
  ["discovery on Docker", { llmService: [{ jobName: "a", discovery: { namespace: "llm", selector: "app=a", port: 8000 } }] }, "llmService[0].discovery"],
  [
    "discovery and targets",
    { target: "kubernetes", llmService: [{ jobName: "a", targets: ["a:1"], discovery: { namespace: "llm", selector: "app=a", port: 8000 } }] },
    "llmService[0].discovery",
  ],
  ["discovery with a set-based selector", { target: "kubernetes", llmService: [{ discovery: { namespace: "llm", selector: "app in (a,b)", port: 8000 } }] }, "llmService[0].discovery.selector"],
  ["discovery without a port", { target: "kubernetes", llmService: [{ discovery: { namespace: "llm", selector: "app=a" } }] }, "llmService[0].discovery.port"],
  ["team pattern with a lookahead", { dashboards: { teams: { pattern: "(?=agent\\.)(.*)" } } }, "dashboards.teams.pattern"],
  ["team pattern with a negative lookahead", { dashboards: { teams: { pattern: "(?!agent\\.)(.*)" } } }, "dashboards.teams.pattern"],
  ["team pattern with a lookbehind", { dashboards: { teams: { pattern: "(?<=agent\\.)(.*)" } } }, "dashboards.teams.pattern"],
  ["team pattern with a negative lookbehind", { dashboards: { teams: { pattern: "(?<!x)(.*)" } } }, "dashboards.teams.pattern"],
  ["team pattern with a backreference", { dashboards: { teams: { pattern: "(a)\\1" } } }, "dashboards.teams.pattern"],
  ["team pattern with a named backreference", { dashboards: { teams: { pattern: "(?<t>a)\\k<t>" } } }, "dashboards.teams.pattern"],
  ["team pattern with a possessive quantifier", { dashboards: { teams: { pattern: "a++" } } }, "dashboards.teams.pattern"],
  ["team pattern with an atomic group", { dashboards: { teams: { pattern: "(?>a)" } } }, "dashboards.teams.pattern"],
  ["team pattern with \\Z", { dashboards: { teams: { pattern: "a\\Z" } } }, "dashboards.teams.pattern"],
  ["team pattern with a repeat count over 1000", { dashboards: { teams: { pattern: "a{1001}" } } }, "dashboards.teams.pattern"],
  ["team pattern unbalanced", { dashboards: { teams: { pattern: "([a-z]" } } }, "dashboards.teams.pattern"],
  ["virtual file-system types with a lookahead", { nodeExporter: { virtualFsTypes: "(?!ext4).*" } }, "nodeExporter.virtualFsTypes"],
  ["virtual file-system types unbalanced", { nodeExporter: { virtualFsTypes: "(tmpfs|overlay" } }, "nodeExporter.virtualFsTypes"],
  ["virtual file-system types as a list", { nodeExporter: { virtualFsTypes: ["tmpfs", "overlay"] } }, "nodeExporter.virtualFsTypes"],
  ["percentage as words", { thresholds: { errorRatePercent: "one" } }, "thresholds.errorRatePercent"],
  ["percentage 0", { thresholds: { successRatePercent: "0" } }, "thresholds.successRatePercent"],
  ["percentage above 100 as text", { thresholds: { hostMemoryPercent: "100.5" } }, "thresholds.hostMemoryPercent"],
  ["file-system percentage 0", { thresholds: { hostFilesystemPercent: 0 } }, "thresholds.hostFilesystemPercent"],
  ["file-descriptor percentage above 100", { thresholds: { hostFileDescriptorPercent: 120 } }, "thresholds.hostFileDescriptorPercent"],
  ["file-system for: not a duration", { alerts: { hostFilesystemFor: "5 minutes" } }, "alerts.hostFilesystemFor"],
  ["budget negative as text", { thresholds: { dailyBudgetUsd: "-5" } }, "thresholds.dailyBudgetUsd"],
  ["CPU quantity 0", k8s({ resources: { grafana: { cpuRequest: 0 } } }), "kubernetes.resources.grafana.cpuRequest"],
  ["CPU limit 0.05 below its request", k8s({ resources: { grafana: { cpuLimit: "0.05" } } }), "kubernetes.resources.grafana.cpuLimit"],
  ["a path stored as one key", { "thresholds.hostMemoryPercent": 95 }, "thresholds.hostMemoryPercent"],
  ["render directory empty", k8s({ render: { directory: "" } }), "kubernetes.render.directory"],
  ["render directory the project root", k8s({ render: { directory: "." } }), "kubernetes.render.directory"],
  ["render directory the project root, as ./", k8s({ render: { directory: "./" } }), "kubernetes.render.directory"],
  ["render directory the file system root", k8s({ render: { directory: "/" } }), "kubernetes.render.directory"],
  ["render directory in the Pulumi state", k8s({ render: { directory: ".pulumi-state/manifests" } }), "kubernetes.render.directory"],
  ["render directory among the stack files", k8s({ render: { directory: "./stacks/rendered" } }), "kubernetes.render.directory"],
  ["render directory into stacks/ through ..", k8s({ render: { directory: "out/../stacks" } }), "kubernetes.render.directory"],
  ["render directory in node_modules", k8s({ render: { directory: "node_modules/x" } }), "kubernetes.render.directory"],
  ["render directory with a trailing space", k8s({ render: { directory: "rendered " } }), "kubernetes.render.directory"],
  ["render directory on Docker", { kubernetes: { render: { directory: "rendered/cluster" } } }, "kubernetes.render.directory"],
  ["render directory with a kubeconfig context", k8s({ context: "prod-eu", render: { directory: "rendered/cluster" } }), "kubernetes.context"],
  ["render secrets neither omit nor plaintext", k8s({ render: { directory: "rendered/cluster", secrets: "sealed" } }), "kubernetes.render.secrets"],
];

// Values a user sets on purpose, several exactly as `pulumi config set --path` stores them.
const ACCEPTED: [string, Record<string, unknown>][] = [
  ["scrape interval 500ms", { prometheus: { scrapeInterval: "500ms", evaluationInterval: "500ms" } }],
  ["scrape interval 1m15s", { prometheus: { scrapeInterval: "1m15s", evaluationInterval: "1m" } }],
  ["scrape interval 2m30s, half the rate window", { prometheus: { scrapeInterval: "2m30s", evaluationInterval: "1m" } }],
  ["evaluation interval 10s", { prometheus: { evaluationInterval: "10s" } }],
  ["span retention 1h30m", { jaeger: { spanRetention: "1h30m" } }],
  ["span retention 0.5h", { jaeger: { spanRetention: "0.5h" } }],
  ["group wait 1s", { alerting: { groupWait: "1s" } }],
  ["job name my-agent", { llmService: { jobName: "my-agent" } }],
  ["job name kubernetes-pods on Docker", { llmService: { jobName: "kubernetes-pods" } }],
  ["job name llm-service on the cluster", { target: "kubernetes", llmService: { jobName: "llm-service" } }],
  [
    "seed 003's three services",
    { llmService: [{ jobName: "llm-proxy", targets: ["proxy:8000"] }, { jobName: "context-service", targets: ["context:8001"] }, { jobName: "health-worker", targets: ["worker:8002"] }] },
  ],
  ["discovery on the cluster", { target: "kubernetes", llmService: [{ jobName: "llm-proxy", discovery: { namespace: "llm", selector: "app.kubernetes.io/name=llm-proxy,tier!=batch", port: 8000 } }] }],
  ["team pattern with RE2 classes", { dashboards: { teams: { pattern: "([[:alpha:]]+)\\..*" } } }],
  ["team pattern with a Go named group", { dashboards: { teams: { pattern: "(?P<team>[^.]+).*" } } }],
  ["team pattern with flags", { dashboards: { teams: { pattern: "(?i)(AGENT\\.)?([^.]+).*", replacement: "$2" } } }],
  ["decimal percentage as text", { thresholds: { errorRatePercent: "0.5" } }],
  ["decimal percentage as a number", { thresholds: { errorRatePercent: 0.5 } }],
  ["integer percentage", { thresholds: { hostMemoryPercent: 95 } }],
  ["decimal file-system percentage as text", { thresholds: { hostFilesystemPercent: "92.5", hostFileDescriptorPercent: "75" } }],
  ["virtual file-system types with RE2 syntax", { nodeExporter: { virtualFsTypes: "tmpfs|overlay|fuse\\..*|(?i:ZFS)" } }],
  ["no virtual file-system type: every file system is a disk", { nodeExporter: { virtualFsTypes: "" } }],
  ["decimal seconds as text", { thresholds: { p99LatencySeconds: "7.5" } }],
  ["decimal budget as text", { thresholds: { dailyBudgetUsd: "12.50" } }],
  ["time-to-first-token bound as text", { slo: { ttftSeconds: "0.5", ttftPercent: "99.5" } }],
  ["CPU limit 2 as a number", k8s({ resources: { prometheus: { cpuLimit: 2 } } })],
  ["CPU request 0.5 as text", k8s({ resources: { grafana: { cpuRequest: "0.5" } } })],
  ["memory as a number of bytes", k8s({ resources: { alertmanager: { memoryLimit: 268435456 } } })],
  ["name prefix of digits", { namePrefix: 42 }],
  ["namespace of digits", k8s({ namespace: 2024 })],
  ["admin user of digits", { grafana: { adminUser: 1000 } }],
  ["team name of digits", { dashboards: { teams: { agents: { "agent.x": 7 } } } }],
  ["data epoch as text", { dataEpochs: { grafana: "3" } }],
  ["network policy as a boolean", k8s({ networkPolicy: true })],
  ["render to a directory in the project", k8s({ render: { directory: "rendered/cluster" } })],
  ["render to an absolute directory", k8s({ render: { directory: "/srv/gitops/llmobs" } })],
  ["render to a checkout beside the project", k8s({ render: { directory: "../gitops/clusters/prod/llmobs" } })],
  ["render Secrets omitted, said explicitly", k8s({ render: { directory: "rendered/cluster", secrets: "omit" } })],
];

// [what, values, the key warned about]: allowed, but probably not what was meant.
const WARNED: [string, Record<string, unknown>, string][] = [
  ["evaluation slower than scraping", { prometheus: { scrapeInterval: "15s", evaluationInterval: "1m" } }, "prometheus.evaluationInterval"],
  ["two scrapes per rate window", { prometheus: { scrapeInterval: "2m", evaluationInterval: "1m" } }, "prometheus.scrapeInterval"],
  ["three scrapes per rate window", { prometheus: { scrapeInterval: "100s", evaluationInterval: "1m" } }, "prometheus.scrapeInterval"],
  ["the same target twice", { llmService: { targets: ["api:8000", "api:8000"] } }, "llmService[0].targets[1]"],
  ["the same target in two jobs", { llmService: [{ jobName: "a", targets: ["api:8000"] }, { jobName: "b", targets: ["api:8000"] }] }, "llmService[1].targets[0]"],
  ["the same target twice, in other case", { llmService: { targets: ["API.internal:8000", "api.internal:8000"] } }, "llmService[0].targets[1]"],
  ["group wait longer than group interval", { alerting: { groupWait: "10m" } }, "alerting.groupWait"],
  ["repeat interval shorter than group interval", { alerting: { repeatInterval: "1m" } }, "alerting.repeatInterval"],
  ["critical repeat interval shorter than group interval", { alerting: { criticalRepeatInterval: "2m" } }, "alerting.criticalRepeatInterval"],
  ["host memory threshold 100%", { thresholds: { hostMemoryPercent: 100 } }, "thresholds.hostMemoryPercent"],
  ["file-system threshold 100%", { thresholds: { hostFilesystemPercent: 100 } }, "thresholds.hostFilesystemPercent"],
  ["file-descriptor threshold 100%", { thresholds: { hostFileDescriptorPercent: 100 } }, "thresholds.hostFileDescriptorPercent"],
  ["rendered Secrets in plain text", k8s({ render: { directory: "rendered/cluster", secrets: "plaintext" } }), "kubernetes.render.secrets"],
  ["plain-text Secrets without rendering", k8s({ render: { secrets: "plaintext" } }), "kubernetes.render.secrets"],
  ["a time-to-first-token bound no emitter's histogram has", { slo: { ttftSeconds: 0.8 } }, "slo.ttftSeconds"],
];

describe("refused: each value alone, with its key, the value and what is allowed", () => {
  test.each(REFUSED)("%s", (_, values, key) => {
    const problems = problemsOf(values);
    expect(problems.map((p) => p.key)).toEqual([`llmobs:${key}`]);
    expect(problems[0]!.message).toMatch(/not allowed|expected|unknown key|without --path/);
  });
});

describe("accepted", () => {
  test.each(ACCEPTED)("%s", (_, values) => {
    expect(problemsOf(values)).toEqual([]);
  });
});

describe("warned about: allowed, with the key and why", () => {
  test.each(WARNED)("%s", (_, values, key) => {
    const config = parseStackConfig({ values, secrets: {} }, STACK_FACTS);
    const warnings = configWarnings(config, STACK_FACTS);
    expect(warnings.map((w) => w.key)).toEqual([`llmobs:${key}`]);
    expect(warnings[0]!.message.length).toBeGreaterThan(40);
  });

  test("the defaults and every accepted value above but one raise no warning", () => {
    expect(configWarnings(parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS), STACK_FACTS)).toEqual([]);
    // Two samples per window is the least a rate works with, and warned about (one missed scrape empties it).
    const warnedToo = "scrape interval 2m30s, half the rate window";
    expect(configWarnings(parseStackConfig({ values: ACCEPTED.find(([what]) => what === warnedToo)![1], secrets: {} }, STACK_FACTS), STACK_FACTS).map((w) => w.key)).toEqual([
      "llmobs:prometheus.scrapeInterval",
    ]);
    for (const [what, values] of ACCEPTED.filter(([what]) => what !== warnedToo)) {
      expect(configWarnings(parseStackConfig({ values, secrets: {} }, STACK_FACTS), STACK_FACTS), what).toEqual([]);
    }
  });
});
