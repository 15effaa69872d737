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
import { dns1123Label } from "./kubernetesFormats.ts";
import { decimal, formatted, re2Pattern, text } from "./fields.ts";
import { DEMO_PORT } from "./demoPort.ts";
import { COMPONENT_NAMES } from "./components.ts";
import { perComponent } from "./perComponent.ts";
import { describeKeys } from "./keyDocs.ts";
import { burnRates } from "./burnRates.ts";
import { EXTERNAL_STORE_SECRETS } from "./externalStoreSecrets.ts";
import { remoteWriteSection } from "./remoteWriteSchema.ts";
import { grafanaDatabaseSection } from "./grafanaDatabaseSchema.ts";
import { jaegerStorageSection } from "./jaegerStorageSchema.ts";
import {
  alertmanagerSection,
  GRAFANA_REPLICAS_DOC,
  grafanaReplicas,
  JAEGER_REPLICAS_DOC,
  jaegerReplicas,
  PROMETHEUS_REPLICAS_DOC,
  prometheusReplicas,
} from "./replicas.ts";
import { demoSection } from "./demoSchema.ts";

/** Config keys live under this namespace: `pulumi config set llmobs:<key>`. */
export const CONFIG_NAMESPACE = "llmobs";

/**
 * Keys that hold secrets. They are never part of the plain config object: the program reads them with
 * `config.getSecret`, so they stay encrypted in state and in every resource input. Each is documented
 * with the section it belongs to.
 */
export const SECRETS = {
  grafanaAdminPassword: { section: "grafana", doc: "Grafana's admin password: at least 12 characters; set with `--secret`", unset: "generated" },
  alertmanagerWebhookUrl: {
    section: "alerting",
    doc: "the receiver's URL; without it alerts show in Alertmanager and Grafana but nobody is notified",
    unset: "none",
  },
  ...EXTERNAL_STORE_SECRETS,
} as const;
export type SecretKey = keyof typeof SECRETS;
export const SECRET_KEYS = Object.keys(SECRETS) as readonly SecretKey[];

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
  jaegerCollector: port.default(14268),
  alertmanager: port.default(9093),
  // node-exporter is scraped over the private network; published only when something else needs it.
  nodeExporter: port.optional(),
});

const images = perComponent(COMPONENT_NAMES, formatted(pinnedImage).optional());

/** The default address of an LLM service scraped by address: a service on the Docker host. */
export const DEFAULT_LLM_SERVICE_TARGET = `host.docker.internal:${DEMO_PORT}`;

/** Pods of one LLM service, found through Kubernetes service discovery instead of fixed addresses. */
const llmServiceDiscovery = z.strictObject({
  namespace: formatted(dns1123Label),
  selector: formatted({
    test: (v) => /^[A-Za-z0-9._/-]+(?:\s*(?:=|==|!=)\s*[A-Za-z0-9._-]*)?(?:\s*,\s*[A-Za-z0-9._/-]+(?:\s*(?:=|==|!=)\s*[A-Za-z0-9._-]*)?)*$/.test(v),
    allowed: "a Kubernetes label selector of equality terms, such as app=llm-proxy or app=llm,tier!=batch",
  }),
  port: port,
});
const KUBERNETES_ONLY = "Kubernetes only, instead of `targets`: scrape each running pod";
describeKeys(llmServiceDiscovery, {
  namespace: { doc: `${KUBERNETES_ONLY} in this namespace...`, unset: "none (scrape `targets`)" },
  selector: { doc: "...that this label selector picks (`app=llm-proxy`; equality terms, comma-separated)...", unset: "none" },
  port: { doc: "...on this container port", unset: "none" },
});

/** One of the user's LLM services (a proxy, a context service, a worker, ...), scraped by Prometheus as one job. */
const llmServiceJob = z.strictObject({
  jobName: formatted(prometheusJobName).default("llm-service"),
  targets: z
    .array(formatted(hostPort), { error: "expected a list of host:port targets" })
    .min(1, { error: "at least one host:port target" })
    .optional(),
  metricsPath: formatted(urlPath).default("/metrics"),
  scheme: z.enum(["http", "https"], { error: "http or https" }).default("http"),
  discovery: llmServiceDiscovery.optional(),
});
describeKeys(llmServiceJob, {
  jobName:
    "the Prometheus job that scrapes the service, its `job` label on every series, alert and dashboard; unique in the list, and not one of the stack's own jobs (one per component; `kubernetes-pods` on Kubernetes)",
  targets: { doc: "the service's addresses: a list of `host:port`; not with `discovery`", unset: `\`[${DEFAULT_LLM_SERVICE_TARGET}]\` without \`discovery\`` },
  metricsPath: "the URL path it serves metrics on",
  scheme: "how Prometheus scrapes it",
});

/** A job that names neither addresses nor discovery scrapes the default address. */
export type LlmServiceJob = Omit<z.infer<typeof llmServiceJob>, "targets"> & { targets: string[] };

/**
 * The user's LLM services, one scrape job each. A stack file written before there was a list (one
 * `llmService:` object) still works: the object is read as the list's only entry.
 */
const llmService = z.preprocess(
  (value) => (value !== null && typeof value === "object" && !Array.isArray(value) ? [value] : value),
  z
    .array(
      llmServiceJob.transform((job): LlmServiceJob => ({ ...job, targets: job.targets ?? (job.discovery ? [] : [DEFAULT_LLM_SERVICE_TARGET]) })),
      { error: "expected a list of scrape jobs (`- jobName: ...`), or one job's keys" },
    )
    .min(1, { error: "at least one scrape job" }),
);

const prometheus = z.strictObject({
  replicas: prometheusReplicas,
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
  remoteWrite: remoteWriteSection.optional(),
});
describeKeys(prometheus, {
  replicas: PROMETHEUS_REPLICAS_DOC,
  scrapeInterval:
    "Prometheus duration above zero (`15s`, `1m`), at most `2m30s` so each 5-minute rate window holds two scrapes; above `1m15s` warns",
  evaluationInterval: "Prometheus duration above zero; longer than the scrape interval warns",
  retentionTime: "how long Prometheus keeps samples: a Prometheus duration above zero",
  retentionSize: "how much Prometheus keeps: an integer and `B`, `KB`, `MB`, `GB`, `TB`, `PB`, `EB`",
  otlpPushInterval:
    "how often your services push OTLP metrics (the OpenTelemetry SDKs' default is `60s`); a pushed series new to Prometheus counts from zero once Prometheus has run twice this long",
});

const grafana = z.strictObject({
  replicas: grafanaReplicas,
  adminUser: formatted({
    test: (v) => /^[A-Za-z0-9._@-]{1,64}$/.test(v),
    allowed: "the Grafana admin login name: 1 to 64 characters from letters, digits, '.', '_', '@', '-'",
  }).default("admin"),
  folder: formatted({ test: (v) => v.length > 0, allowed: "the non-empty title of the Grafana folder the dashboards are provisioned into" }).default(
    "LLM Observability",
  ),
  database: grafanaDatabaseSection.optional(),
});
describeKeys(grafana, { replicas: GRAFANA_REPLICAS_DOC, adminUser: "Grafana's admin login name", folder: "the folder the dashboards are provisioned into" });

const jaeger = z.strictObject({
  replicas: jaegerReplicas,
  spanRetention: formatted(goDuration).default("168h"),
  storage: jaegerStorageSection.optional(),
});
describeKeys(jaeger, { replicas: JAEGER_REPLICAS_DOC, spanRetention: "how long Jaeger keeps spans: a Go duration (`72h`, `90m`; no days)" });

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
  targetDownFor: formatted(prometheusDuration).default("5m"),
  hostMemoryPercent: percent.default(90),
  hostFilesystemPercent: percent.default(90),
  hostFileDescriptorPercent: percent.default(90),
  slowTokenRate: positive("tokens per second").default(10),
  criticalTokenRate: positive("tokens per second").default(5),
  slowRequestSeconds: positive("seconds").default(5),
  criticalRequestSeconds: positive("seconds").default(10),
  errorRatePercent: percent.default(1),
  criticalErrorRatePercent: percent.default(10),
  successRatePercent: percent.default(99),
  cacheHitRatePercent: percent.default(30),
  p99LatencySeconds: positive("seconds").default(10),
  dailyBudgetUsd: positive("US dollars").default(100),
  budgetWarningPercent: percent.default(80),
});
describeKeys(thresholds, {
  targetDownFor: "how long a scrape target must be down before it alerts",
  hostMemoryPercent: "host memory use that alerts",
  hostFilesystemPercent:
    "file-system use that alerts: the share of a file system's size not available to non-root users; real, writable file systems only (see `nodeExporter.virtualFsTypes`)",
  hostFileDescriptorPercent: "file-descriptor use that alerts: allocated file descriptors as a share of the host's maximum (`fs.file-max`)",
  slowTokenRate: "output tokens per second below which generation is slow",
  criticalTokenRate: "output tokens per second below which generation is critical",
  slowRequestSeconds: "p95 call duration above which calls are slow",
  criticalRequestSeconds: "p95 call duration above which calls are critical",
  errorRatePercent: "failed calls above which errors warn",
  criticalErrorRatePercent: "failed calls above which errors are critical",
  successRatePercent: "a service's success rate below this warns",
  cacheHitRatePercent: "a service's cache hit rate below this warns",
  p99LatencySeconds: "p99 call duration above this warns",
  dailyBudgetUsd: "the daily LLM budget in US dollars",
  budgetWarningPercent: "the share of the daily budget that warns",
});

/**
 * Seed 003's LLM proxy services: which of the LLM services' jobs its down alerts watch, and how long each
 * alert waits. A down alert whose job is not in `llmService` is left out (it could never fire).
 */
const llmProxy = z.strictObject({
  proxyJob: formatted(prometheusJobName).default("llm-proxy"),
  contextServiceJob: formatted(prometheusJobName).default("context-service"),
  downFor: formatted(prometheusDuration).default("5m"),
  providerUnhealthyFor: formatted(prometheusDuration).default("5m"),
});
describeKeys(llmProxy, {
  proxyJob: "the `llmService` job of the LLM proxy: LLMProxyDown (critical) watches it, in place of LLMServiceDown; left out when no job has this name",
  contextServiceJob: "the `llmService` job of the context service: ContextServiceDown (warning) watches it, in place of LLMServiceDown; left out when no job has this name",
  downFor: "how long the proxy or the context service must be down before it alerts",
  providerUnhealthyFor: "how long a provider's `provider_status` must stay 0 before ProviderUnhealthy fires",
});

const count = (what: string) =>
  z
    .number({ error: `expected a number: ${what}, an integer 1 or greater` })
    .int({ error: `${what}: an integer 1 or greater` })
    .min(1, { error: `${what}: an integer 1 or greater` });

/**
 * How long each alert waits (`for:`), the window it reads, and the evidence it needs before it fires: the
 * defaults pass the replay harness (test/rules/alertReplay.test.ts): every fault within 15 minutes, no
 * alert over a day of healthy traffic in any vocabulary, with one replica and with ten.
 */
const alerts = z.strictObject({
  errorRateWindow: formatted(prometheusDuration).default("30m"),
  errorRateShortWindow: formatted(prometheusDuration).default("5m"),
  errorRateFor: formatted(prometheusDuration).default("5m"),
  criticalErrorRateWindow: formatted(prometheusDuration).default("5m"),
  criticalErrorRateFor: formatted(prometheusDuration).default("2m"),
  minFailures: count("failed calls").default(10),
  standardErrors: decimal(z.number({ error: "expected a number: standard errors, 0 or greater" }).min(0, { error: "standard errors, 0 or greater" })).default(2),
  successRateWindow: formatted(prometheusDuration).default("30m"),
  successRateFor: formatted(prometheusDuration).default("10m"),
  latencyWindow: formatted(prometheusDuration).default("5m"),
  latencyFor: formatted(prometheusDuration).default("5m"),
  p99LatencyFor: formatted(prometheusDuration).default("10m"),
  minCalls: count("calls").default(20),
  minTailCalls: count("calls").default(5),
  tokenSpeedFor: formatted(prometheusDuration).default("5m"),
  cacheWindow: formatted(prometheusDuration).default("10m"),
  cacheFor: formatted(prometheusDuration).default("5m"),
  minCacheLookups: count("cache lookups").default(50),
  spendRunawayFactor: positive("a multiple of the usual spend rate").default(4),
  spendRunawayWindow: formatted(prometheusDuration).default("10m"),
  spendRunawayFor: formatted(prometheusDuration).default("3m"),
  spendRunawayMinBudgetPercent: percent.default(10),
  dailySpendFor: formatted(prometheusDuration).default("5m"),
  projectedSpendWindow: formatted(prometheusDuration).default("1h"),
  projectedSpendFor: formatted(prometheusDuration).default("15m"),
  emitterBudgetFor: formatted(prometheusDuration).default("5m"),
  telemetryMissingAfter: formatted(prometheusDuration).default("5m"),
  telemetryMissingFor: formatted(prometheusDuration).default("2m"),
  telemetryLookback: formatted(prometheusDuration).default("6h"),
  burnCritical: burnRates([
    { long: "1h", short: "5m", burn: 14.4 },
    { long: "6h", short: "30m", burn: 6 },
  ]),
  burnWarning: burnRates([
    { long: "1d", short: "2h", burn: 3 },
    { long: "3d", short: "6h", burn: 1 },
  ]),
  burnCriticalFor: formatted(prometheusDuration).default("2m"),
  burnWarningFor: formatted(prometheusDuration).default("15m"),
  hostMemoryFor: formatted(prometheusDuration).default("5m"),
  hostFilesystemFor: formatted(prometheusDuration).default("5m"),
  hostFileDescriptorsFor: formatted(prometheusDuration).default("5m"),
  ttftInterpolatedFor: formatted(prometheusDuration).default("10m"),
});
describeKeys(alerts, {
  errorRateWindow: "the window LLMErrorRateHigh's warning reads failed calls over",
  errorRateShortWindow:
    "LLMErrorRateHigh's warning also needs failed calls above its threshold over this shorter window: failing still, not a cluster of errors that has ended",
  errorRateFor: "how long LLMErrorRateHigh's warning holds before it fires",
  criticalErrorRateWindow: "the window LLMErrorRateHigh's critical reads failed calls over",
  criticalErrorRateFor: "how long LLMErrorRateHigh's critical holds before it fires",
  minFailures: "failed calls in the window before LLMErrorRateHigh or LLMSuccessRateLow fires: a few failures of a few calls are no rate",
  standardErrors:
    "the error-rate alerts fire only when the failures, less this many standard errors of their count (its square root), still pass the threshold: evidence the rate is really above it, not a few unlucky calls",
  successRateWindow: "the window LLMSuccessRateLow reads a service's calls over",
  successRateFor: "how long LLMSuccessRateLow holds before it fires",
  latencyWindow: "the window the latency alerts read the duration histogram over",
  latencyFor: "how long LLMRequestsSlow holds before it fires",
  p99LatencyFor: "how long LLMLatencyP99High holds before it fires",
  minCalls: "calls of the model in the window before LLMTokenGenerationSlow fires",
  minTailCalls:
    "calls a latency quantile must have above it before its alert fires: p95 needs 20 times this many calls in the window, p99 100 times (a quantile of a few calls is one slow call)",
  tokenSpeedFor: "how long LLMTokenGenerationSlow holds before it fires",
  cacheWindow: "the window LLMCacheHitRateLow reads cache lookups over",
  cacheFor: "how long LLMCacheHitRateLow holds before it fires",
  minCacheLookups: "cache lookups in the window before LLMCacheHitRateLow fires",
  spendRunawayFactor: "LLMSpendRateHigh: a service's spend rate over the window, as a multiple of its usual rate (the hour before, or the same hour yesterday, whichever is higher)",
  spendRunawayWindow: "the window LLMSpendRateHigh reads the spend rate over",
  spendRunawayFor: "how long LLMSpendRateHigh holds before it fires",
  spendRunawayMinBudgetPercent: "LLMSpendRateHigh fires only when the service's spend rate, over a day, comes to at least this share of the daily budget",
  dailySpendFor: "how long LLMDailySpendHigh holds before it fires",
  projectedSpendWindow: "the spend LLMSpendProjectedOverBudget extrapolates to a day",
  projectedSpendFor: "how long LLMSpendProjectedOverBudget holds before it fires",
  emitterBudgetFor: "how long LLMBudgetNearlySpent holds before it fires",
  telemetryMissingAfter: "LLMTelemetryMissing: how long a service's LLM series must have been missing",
  telemetryMissingFor: "how long LLMTelemetryMissing holds before it fires",
  telemetryLookback: "LLMTelemetryMissing: a service that sent LLM series this recently and has stopped; past it, the alert resolves (a service taken away)",
  burnCritical:
    "the critical error-budget burns (LLMErrorBudgetBurn, LLMTimeToFirstTokenBudgetBurn), any of which pages: the budget burns `burn` times faster than the SLO period allows over the `long` window, and still over the `short` one (a burn of 1 spends it in exactly 30 days)",
  burnWarning: "the warning error-budget burns, as `alerts.burnCritical`",
  burnCriticalFor: "how long a critical error-budget burn (LLMErrorBudgetBurn, LLMTimeToFirstTokenBudgetBurn) holds before it fires",
  burnWarningFor: "how long a warning error-budget burn holds before it fires",
  hostMemoryFor: "how long HostMemoryHigh holds before it fires",
  hostFilesystemFor: "how long HostFilesystemAlmostFull holds before it fires",
  hostFileDescriptorsFor: "how long HostFileDescriptorsHigh holds before it fires",
  ttftInterpolatedFor: "how long LLMTimeToFirstTokenObjectiveInterpolated holds before it fires",
});

/** How dashboards group and annotate. */
const dashboards = z.strictObject({
  teams: z
    .strictObject({
      pattern: re2Pattern("a regular expression over agent_id").default("(?:agent\\.)?([^.]+).*"),
      replacement: text("expected a string such as $1").default("$1"),
      agents: z.record(z.string(), text("expected a team name"), { error: "expected a map of agent_id: team" }).default({}),
    })
    .prefault({}),
  deploymentsQuery: z.string({ error: "expected a string: a PromQL expression" }).min(1).optional(),
});
describeKeys(dashboards.shape.teams.unwrap(), {
  pattern:
    "derives a team from the whole `agent_id` (by default its first dotted segment, skipping a leading `agent.`); RE2 syntax, as Prometheus reads it: no lookarounds or backreferences",
  replacement: "the team the pattern makes, its groups as `$1`",
  agents: "exact `agent_id: team` assignments that win over the pattern",
});
describeKeys(dashboards, {
  deploymentsQuery: { doc: "PromQL whose samples mark deployments on the usage dashboard", unset: "restarts of the LLM service" },
});

const alerting = z.strictObject({
  runbookBaseUrl: formatted({ test: (v) => v.length > 0, allowed: "the URL of the runbook (README.md in your git host)" }).default("README.md"),
  receiver: z.enum(["webhook", "slack"], { error: "webhook or slack" }).default("webhook"),
  slackChannel: formatted({ test: (v) => v.length > 0, allowed: "a channel such as #llm-alerts" }).default("#llm-alerts"),
  groupWait: formatted(prometheusDuration).default("30s"),
  groupInterval: formatted(prometheusDuration).default("5m"),
  criticalRepeatInterval: formatted(prometheusDuration).default("1h"),
  repeatInterval: formatted(prometheusDuration).default("4h"),
});
describeKeys(alerting, {
  runbookBaseUrl: "where alerts' `runbook_url` points (`<base>#<alert name in lower case>`); set it to this README's URL in your git host",
  receiver:
    "how Alertmanager notifies once `alertmanagerWebhookUrl` is set: Alertmanager's JSON, or Slack-compatible (Slack, Mattermost, Rocket.Chat, ...)",
  slackChannel: "the channel for the Slack-compatible receiver",
  groupWait: "how long Alertmanager waits to batch a new group's alerts",
  groupInterval: "how long Alertmanager waits between updates of a group",
  criticalRepeatInterval: "how often a still-firing critical alert is sent again",
  repeatInterval: "how often any other still-firing alert is sent again",
});

/**
 * Service level objectives for the burn-rate alerts (Google SRE workbook, multi-window, multi-burn-rate).
 */
const slo = z.strictObject({
  availabilityPercent: percent.default(99),
  ttftSeconds: positive("seconds").default(1),
  ttftPercent: percent.default(95),
});
describeKeys(slo, {
  availabilityPercent: "share of calls that succeed (error-budget burn alerts)",
  ttftSeconds:
    "a first token within this many seconds is good; at a bucket bound of an emitter's TTFT histogram it is counted, elsewhere interpolated inside the bucket that holds it (a warning says so); bounds OpenLIT, vLLM and LiteLLM all have",
  ttftPercent: "share of calls whose first token is good",
});

/** node-exporter: the host metrics behind the Host dashboard and the host alerts (HostMemoryHigh, ...). */
const nodeExporter = z.strictObject({
  enabled: z.boolean({ error: "true or false" }).default(true),
  hostNetwork: z.boolean({ error: "true or false" }).optional(),
  port: port.default(9100),
  /**
   * File systems that are no disk: in memory, a container's overlay, kernel interfaces, mounted images. Their
   * use says nothing of the host's disks (a squashfs image is full by design), so whatever reads file-system use leaves them out.
   */
  virtualFsTypes: re2Pattern("a regular expression over fstype").default("tmpfs|ramfs|overlay|squashfs|nsfs|proc|sysfs|devtmpfs|autofs"),
});
describeKeys(nodeExporter, {
  enabled: "`false` leaves node-exporter out (GKE Autopilot, or a cluster or machine that already runs one)",
  hostNetwork: {
    doc: "`true`: on the host's network, so the Host dashboard's network panel shows the host's traffic; on Docker only with a Linux engine (see [Host metrics on Docker](#host-metrics-on-docker))",
    unset: "`true` on Kubernetes, `false` on Docker",
  },
  port: "1..65535; on the host's network a port of every node (or of the Docker host)",
  virtualFsTypes:
    "file-system types that are no real disk (`tmpfs`, `overlay`, ...), which the Host dashboard's file-system panel and HostFilesystemAlmostFull leave out: a regular expression matched against the whole `fstype`, in RE2 syntax as Prometheus reads it",
});

/** Bumping a component's epoch gives it a fresh, empty data volume on the next `up` (see `npm run data`). */
const dataEpochs = perComponent(COMPONENT_NAMES, epoch.default(0));

/** Sections read as {} when the stack file leaves them out, so each of their keys takes its default. */
function absentAsEmpty<S extends Record<string, z.ZodObject>>(sections: S): { [K in keyof S]: z.ZodPrefault<S[K]> } {
  return Object.fromEntries(Object.entries(sections).map(([name, section]) => [name, section.prefault({})])) as { [K in keyof S]: z.ZodPrefault<S[K]> };
}

export const stackConfigSchema = z.strictObject({
  target: z.enum(["docker", "kubernetes"], { error: "docker or kubernetes" }).default("docker"),
  namePrefix: formatted(dnsLabel).default("llmobs"),
  bindAddress: formatted(ipAddress).default("127.0.0.1"),
  ...absentAsEmpty({ ports, images }),
  llmService: llmService.prefault([{}]),
  ...absentAsEmpty({ prometheus, grafana, jaeger, thresholds, alerts, llmProxy, dashboards, alerting, slo, dataEpochs, nodeExporter }),
  // The Alertmanager cluster on the cluster target (config/replicas.ts).
  ...absentAsEmpty({ alertmanager: alertmanagerSection }),
  // The demo LLM service as a component of the stack (config/demoSchema.ts).
  demo: demoSection,
  kubernetes: kubernetesSection,
});
// A section with a doc of its own is one row of the README's table.
describeKeys(stackConfigSchema, {
  target: "where the stack runs",
  namePrefix: "DNS label, at most 30 characters; prefixes every container, volume and network, so two stacks can share one Docker engine",
  bindAddress: "the IP address published ports bind to on Docker; `0.0.0.0` publishes on every interface",
  ports: { doc: "the host ports a person reaches the stack on: 1..65535, each different", unset: "see [Ports](#ports)" },
  images: { doc: "`repository:version` or `repository@sha256:…`; no `latest`", unset: "see [Pinned images](#pinned-images)" },
  dataEpochs: "bumped by `npm run data -- reset`; a new epoch is a new, empty volume",
});
/** The list's keys, each documented on the job schema: `llmService[].<key>` in the README's table. */
export const LLM_SERVICE_JOB_SCHEMA = llmServiceJob;

/** The config as the schema parses it. */
export type ParsedStackConfig = z.infer<typeof stackConfigSchema>;

export type StackConfig = ParsedStackConfig & {
  secretsSet: readonly SecretKey[];
};
export type HostPortName = keyof StackConfig["ports"];
