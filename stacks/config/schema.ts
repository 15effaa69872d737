import { z } from "zod";
import {
  dnsLabel,
  goDuration,
  hostPort,
  ipAddress,
  pinnedImage,
  prometheusDuration,
  prometheusJobName,
  prometheusSize,
  urlPath,
} from "./formats.ts";
import { kubernetesSection } from "./kubernetesSchema.ts";
import { decimal, formatted, text } from "./fields.ts";
import { re2SyntaxError } from "./re2.ts";

/** Config keys live under this namespace: `pulumi config set llmobs:<key>`. */
export const CONFIG_NAMESPACE = "llmobs";

/**
 * Keys that hold secrets. They are never part of the plain config object: the program reads them with
 * `config.getSecret`, so they stay encrypted in state and in every resource input.
 */
export const SECRET_KEYS = ["grafanaAdminPassword", "alertmanagerWebhookUrl"] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

const port = z
  .number({ error: "expected a number: a port is an integer from 1 to 65535" })
  .int({ error: "a port is an integer from 1 to 65535" })
  .min(1, { error: "a port is an integer from 1 to 65535" })
  .max(65535, { error: "a port is an integer from 1 to 65535" });

// `pulumi config set --path` may store a number as text; an epoch written either way is read as a number.
const epoch = z.preprocess(
  (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value),
  z
    .number({ error: "expected a number: a data epoch is an integer 0 or greater" })
    .int({ error: "a data epoch is an integer 0 or greater" })
    .min(0, { error: "a data epoch is an integer 0 or greater" }),
);

/** Host ports, one per endpoint a user reaches from the host. */
const ports = z.strictObject({
  grafana: port.default(3005),
  prometheus: port.default(9090),
  jaegerUi: port.default(16686),
  otlpGrpc: port.default(4317),
  otlpHttp: port.default(4318),
  /** Jaeger's legacy collector endpoint (Thrift over HTTP, /api/traces). */
  jaegerCollector: port.default(14268),
  alertmanager: port.default(9093),
  /** node-exporter is scraped over the private network; publish it only when something else needs it. */
  nodeExporter: port.optional(),
});

const images = z.strictObject({
  prometheus: formatted(pinnedImage).optional(),
  grafana: formatted(pinnedImage).optional(),
  jaeger: formatted(pinnedImage).optional(),
  "node-exporter": formatted(pinnedImage).optional(),
  alertmanager: formatted(pinnedImage).optional(),
});

/** The user's LLM service, scraped by Prometheus. */
const llmService = z.strictObject({
  jobName: formatted(prometheusJobName).default("llm-service"),
  targets: z
    .array(formatted(hostPort), { error: "expected a list of host:port targets" })
    .min(1, { error: "at least one host:port target" })
    .default(["host.docker.internal:8000"]),
  metricsPath: formatted(urlPath).default("/metrics"),
  scheme: z.enum(["http", "https"], { error: "http or https" }).default("http"),
});

const prometheus = z.strictObject({
  scrapeInterval: formatted(prometheusDuration).default("15s"),
  evaluationInterval: formatted(prometheusDuration).default("15s"),
  retentionTime: formatted(prometheusDuration).default("15d"),
  retentionSize: formatted(prometheusSize).default("10GB"),
  /**
   * How often services push OTLP metrics (the OpenTelemetry SDKs' default: 60s). A series a service pushes
   * for the first time counts from zero once Prometheus has run twice this long; before that it may be one
   * years old that this Prometheus had not seen yet, and only its later increases count.
   */
  otlpPushInterval: formatted(prometheusDuration).default("60s"),
});

const grafana = z.strictObject({
  adminUser: formatted({
    test: (v) => /^[A-Za-z0-9._@-]{1,64}$/.test(v),
    allowed: "the Grafana admin login name: 1 to 64 characters from letters, digits, '.', '_', '@', '-'",
  }).default("admin"),
  folder: formatted({ test: (v) => v.length > 0, allowed: "the non-empty title of the Grafana folder the dashboards are provisioned into" }).default(
    "LLM Observability",
  ),
});

const jaeger = z.strictObject({
  /** How long Badger keeps spans. */
  spanRetention: formatted(goDuration).default("168h"),
});

const percent = decimal(
  z
    .number({ error: "expected a number: a percentage greater than 0 and at most 100, such as 90 or 0.5" })
    .gt(0, { error: "a percentage greater than 0 and at most 100" })
    .max(100, { error: "a percentage greater than 0 and at most 100" }),
);

const positive = (what: string) =>
  decimal(
    z
      .number({ error: `expected a number: ${what}, greater than 0` })
      .gt(0, { error: `${what}, greater than 0` }),
  );

/** Alert and dashboard thresholds; every one has the default the seeds name. */
const thresholds = z.strictObject({
  /** A scrape target down this long alerts (the LLM service critical, the rest warning). */
  targetDownFor: formatted(prometheusDuration).default("5m"),
  /** Host memory in use above this percentage for 5 minutes alerts. */
  hostMemoryPercent: percent.default(90),
  /** Output tokens per second below this is slow (seed 000: warning). */
  slowTokenRate: positive("tokens per second").default(10),
  /** ...and below this, critical (seed 000: "< 5 tokens/s"). */
  criticalTokenRate: positive("tokens per second").default(5),
  /** A p95 request duration above this many seconds is slow (seed 000: warning). */
  slowRequestSeconds: positive("seconds").default(5),
  /** ...and above this, critical (seed 000: "> 10s"). */
  criticalRequestSeconds: positive("seconds").default(10),
  /** Error rate above this percentage warns (seed 004: "< 1%"). */
  errorRatePercent: percent.default(1),
  /** ...and above this is critical (seed 000: "> 10%"). */
  criticalErrorRatePercent: percent.default(10),
  /** Success rate below this percentage warns (seed 004: "> 99%"). */
  successRatePercent: percent.default(99),
  /** Cache hit rate below this percentage warns (seed 004: "> 30%"). */
  cacheHitRatePercent: percent.default(30),
  /** p99 latency above this many seconds warns (seed 004: "< 10s"). */
  p99LatencySeconds: positive("seconds").default(10),
  /** The daily LLM budget in US dollars (seed 004: daily_budget=100). */
  dailyBudgetUsd: positive("US dollars").default(100),
  /** Spend above this percentage of the daily budget warns (seed 004: 80%). */
  budgetWarningPercent: percent.default(80),
});

/** How dashboards group and annotate. */
const dashboards = z.strictObject({
  /**
   * The metrics have no team label; a team is derived from agent_id. By default the first dotted segment,
   * skipping a leading "agent.": meetmind.coordinator -> meetmind, agent.svea.pm -> svea.
   */
  teams: z
    .strictObject({
      /** An RE2 regular expression over the whole agent_id; `replacement` may use its groups ($1). */
      pattern: z
        .string({ error: "expected a string: a regular expression over agent_id" })
        .superRefine((pattern, ctx) => {
          const error = re2SyntaxError(pattern);
          if (error) ctx.addIssue({ code: "custom", input: pattern, message: `a regular expression Prometheus accepts (RE2 syntax: no lookarounds or backreferences); RE2 says: ${error}` });
        })
        .default("(?:agent\\.)?([^.]+).*"),
      replacement: text("expected a string such as $1").default("$1"),
      /** Exact agent_id -> team assignments that win over the pattern. */
      agents: z.record(z.string(), text("expected a team name"), { error: "expected a map of agent_id: team" }).default({}),
    })
    .prefault({}),
  /** PromQL whose samples mark deployments; defaults to restarts of the LLM service's processes. */
  deploymentsQuery: z.string({ error: "expected a string: a PromQL expression" }).min(1).optional(),
});

const alerting = z.strictObject({
  /**
   * Where the runbook lives; each alert links to `<base>#<alertname in lower case>`. Point it at README.md
   * in your git host, e.g. https://github.com/acme/llm-observability/blob/main/README.md
   */
  runbookBaseUrl: formatted({ test: (v) => v.length > 0, allowed: "the URL of the runbook (README.md in your git host)" }).default("README.md"),
  /**
   * How Alertmanager notifies, once the secret llmobs:alertmanagerWebhookUrl is set: Alertmanager's JSON
   * webhook, or a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat, ...).
   */
  receiver: z.enum(["webhook", "slack"], { error: "webhook or slack" }).default("webhook"),
  /** The channel for the Slack-compatible receiver. */
  slackChannel: formatted({ test: (v) => v.length > 0, allowed: "a channel such as #llm-alerts" }).default("#llm-alerts"),
  /** How long Alertmanager waits to batch a new group's alerts, and between updates of a group. */
  groupWait: formatted(prometheusDuration).default("30s"),
  groupInterval: formatted(prometheusDuration).default("5m"),
  /** How often a still-firing alert is sent again: critical, and everything else. */
  criticalRepeatInterval: formatted(prometheusDuration).default("1h"),
  repeatInterval: formatted(prometheusDuration).default("4h"),
});

/**
 * Service level objectives for the burn-rate alerts (Google SRE workbook, multi-window, multi-burn-rate).
 */
const slo = z.strictObject({
  /** Share of LLM calls that succeed. */
  availabilityPercent: percent.default(99),
  /** A first token within this many seconds is good. Must be a bucket boundary of the emitters' TTFT histograms. */
  ttftSeconds: positive("seconds").default(1),
  /** Share of calls whose first token is good. */
  ttftPercent: percent.default(95),
});

/** node-exporter: the host metrics behind the Host dashboard and the HostMemoryHigh alert. */
const nodeExporter = z.strictObject({
  /** false leaves node-exporter out: GKE Autopilot refuses it, and a cluster may already run one. */
  enabled: z.boolean({ error: "true or false" }).default(true),
  /**
   * Run in the host's network namespace, so the network counters are the host's, not node-exporter's own.
   * Unset: true on Kubernetes; false on Docker, where it needs a Linux engine (not Docker Desktop).
   */
  hostNetwork: z.boolean({ error: "true or false" }).optional(),
  /** The port it listens on; with hostNetwork, a port of every node (or of the Docker host). */
  port: port.default(9100),
});

/** Bumping a component's epoch gives it a fresh, empty data volume on the next `up` (see `npm run data`). */
const dataEpochs = z.strictObject({
  prometheus: epoch.default(0),
  grafana: epoch.default(0),
  jaeger: epoch.default(0),
  "node-exporter": epoch.default(0),
  alertmanager: epoch.default(0),
});

export const stackConfigSchema = z.strictObject({
  target: z.enum(["docker", "kubernetes"], { error: "docker or kubernetes" }).default("docker"),
  /** Prefix of every container, volume and network name, so two stacks can share one Docker engine. */
  namePrefix: formatted(dnsLabel).default("llmobs"),
  /** The host address published ports bind to (Docker target). */
  bindAddress: formatted(ipAddress).default("127.0.0.1"),
  ports: ports.prefault({}),
  images: images.prefault({}),
  llmService: llmService.prefault({}),
  prometheus: prometheus.prefault({}),
  grafana: grafana.prefault({}),
  jaeger: jaeger.prefault({}),
  thresholds: thresholds.prefault({}),
  dashboards: dashboards.prefault({}),
  alerting: alerting.prefault({}),
  slo: slo.prefault({}),
  dataEpochs: dataEpochs.prefault({}),
  nodeExporter: nodeExporter.prefault({}),
  kubernetes: kubernetesSection,
});

/** The config as the schema parses it. */
export type ParsedStackConfig = z.infer<typeof stackConfigSchema>;

export type StackConfig = ParsedStackConfig & {
  /** The secret keys the stack sets (their values are never here). */
  secretsSet: readonly SecretKey[];
};
export type HostPortName = keyof StackConfig["ports"];
