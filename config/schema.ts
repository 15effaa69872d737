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
import { COMPONENT_NAMES } from "./components.ts";
import { perComponent } from "./perComponent.ts";
import { documented } from "./keyDocs.ts";

/** Config keys live under this namespace: `pulumi config set llmobs:<key>`. */
export const CONFIG_NAMESPACE = "llmobs";

/**
 * Keys that hold secrets. They are never part of the plain config object: the program reads them with
 * `config.getSecret`, so they stay encrypted in state and in every resource input. Each is documented
 * with the section it belongs to.
 */
export const SECRETS = {
  grafanaAdminPassword: {
    section: "grafana",
    doc: "Grafana's admin password: at least 12 characters; set with `--secret`",
    unset: "generated",
  },
  alertmanagerWebhookUrl: {
    section: "alerting",
    doc: "the receiver's URL; without it alerts show in Alertmanager and Grafana but nobody is notified",
    unset: "none",
  },
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

const ports = documented(
  z.strictObject({
    grafana: port.default(3005),
    prometheus: port.default(9090),
    jaegerUi: port.default(16686),
    otlpGrpc: port.default(4317),
    otlpHttp: port.default(4318),
    jaegerCollector: port.default(14268),
    alertmanager: port.default(9093),
    // node-exporter is scraped over the private network; published only when something else needs it.
    nodeExporter: port.optional(),
  }),
  "the host ports a person reaches the stack on: 1..65535, each different",
  "see [Ports](#ports)",
);

const images = documented(
  perComponent(COMPONENT_NAMES, formatted(pinnedImage).optional()),
  "`repository:version` or `repository@sha256:…`; no `latest`",
  "see [Pinned images](#pinned-images)",
);

const llmService = z.strictObject({
  jobName: documented(
    formatted(prometheusJobName).default("llm-service"),
    "the Prometheus job that scrapes your LLM service; not one of the stack's own jobs (one per component; `kubernetes-pods` on Kubernetes)",
  ),
  targets: documented(
    z
      .array(formatted(hostPort), { error: "expected a list of host:port targets" })
      .min(1, { error: "at least one host:port target" })
      .default(["host.docker.internal:8000"]),
    "your LLM service's addresses: a list of `host:port`",
  ),
  metricsPath: documented(formatted(urlPath).default("/metrics"), "the URL path it serves metrics on"),
  scheme: documented(z.enum(["http", "https"], { error: "http or https" }).default("http"), "how Prometheus scrapes it"),
});

const prometheus = z.strictObject({
  scrapeInterval: documented(
    formatted(prometheusDuration).default("15s"),
    "Prometheus duration above zero (`15s`, `1m`), at most `2m30s` so each 5-minute rate window holds two scrapes; above `1m15s` warns",
  ),
  evaluationInterval: documented(
    formatted(prometheusDuration).default("15s"),
    "Prometheus duration above zero; longer than the scrape interval warns",
  ),
  retentionTime: documented(formatted(prometheusDuration).default("15d"), "how long Prometheus keeps samples: a Prometheus duration above zero"),
  retentionSize: documented(
    formatted(prometheusSize).default("10GB"),
    "how much Prometheus keeps: an integer and `B`, `KB`, `MB`, `GB`, `TB`, `PB`, `EB`",
  ),
});

const grafana = z.strictObject({
  adminUser: documented(
    formatted({
      test: (v) => /^[A-Za-z0-9._@-]{1,64}$/.test(v),
      allowed: "the Grafana admin login name: 1 to 64 characters from letters, digits, '.', '_', '@', '-'",
    }).default("admin"),
    "Grafana's admin login name",
  ),
  folder: documented(
    formatted({ test: (v) => v.length > 0, allowed: "the non-empty title of the Grafana folder the dashboards are provisioned into" }).default(
      "LLM Observability",
    ),
    "the folder the dashboards are provisioned into",
  ),
});

const jaeger = z.strictObject({
  spanRetention: documented(formatted(goDuration).default("168h"), "how long Jaeger keeps spans: a Go duration (`72h`, `90m`; no days)"),
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

/** Alert and dashboard thresholds; every one has the default the seeds name (seed 000: performance, seed 004: usage). */
const thresholds = z.strictObject({
  targetDownFor: documented(formatted(prometheusDuration).default("5m"), "how long a scrape target must be down before it alerts"),
  hostMemoryPercent: documented(percent.default(90), "host memory use that alerts (after 5 minutes)"),
  slowTokenRate: documented(positive("tokens per second").default(10), "output tokens per second below which generation is slow"),
  criticalTokenRate: documented(positive("tokens per second").default(5), "output tokens per second below which generation is critical"),
  slowRequestSeconds: documented(positive("seconds").default(5), "p95 call duration above which calls are slow"),
  criticalRequestSeconds: documented(positive("seconds").default(10), "p95 call duration above which calls are critical"),
  errorRatePercent: documented(percent.default(1), "failed calls above which errors warn"),
  criticalErrorRatePercent: documented(percent.default(10), "failed calls above which errors are critical"),
  successRatePercent: documented(percent.default(99), "a service's success rate below this warns"),
  cacheHitRatePercent: documented(percent.default(30), "a service's cache hit rate below this is reported (info)"),
  p99LatencySeconds: documented(positive("seconds").default(10), "p99 call duration above this warns"),
  dailyBudgetUsd: documented(positive("US dollars").default(100), "the daily LLM budget in US dollars"),
  budgetWarningPercent: documented(percent.default(80), "the share of the daily budget that warns"),
});

const dashboards = z.strictObject({
  // The metrics have no team label; a team is derived from agent_id.
  teams: z
    .strictObject({
      pattern: documented(
        z
          .string({ error: "expected a string: a regular expression over agent_id" })
          .superRefine((pattern, ctx) => {
            const error = re2SyntaxError(pattern);
            if (error) ctx.addIssue({ code: "custom", input: pattern, message: `a regular expression Prometheus accepts (RE2 syntax: no lookarounds or backreferences); RE2 says: ${error}` });
          })
          .default("(?:agent\\.)?([^.]+).*"),
        "derives a team from the whole `agent_id` (by default its first dotted segment, skipping a leading `agent.`); RE2 syntax, as Prometheus reads it: no lookarounds or backreferences",
      ),
      replacement: documented(text("expected a string such as $1").default("$1"), "the team the pattern makes, its groups as `$1`"),
      agents: documented(
        z.record(z.string(), text("expected a team name"), { error: "expected a map of agent_id: team" }).default({}),
        "exact `agent_id: team` assignments that win over the pattern",
      ),
    })
    .prefault({}),
  deploymentsQuery: documented(
    z.string({ error: "expected a string: a PromQL expression" }).min(1).optional(),
    "PromQL whose samples mark deployments on the usage dashboard",
    "restarts of the LLM service",
  ),
});

const alerting = z.strictObject({
  runbookBaseUrl: documented(
    formatted({ test: (v) => v.length > 0, allowed: "the URL of the runbook (README.md in your git host)" }).default("README.md"),
    "where alerts' `runbook_url` points (`<base>#<alert name in lower case>`); set it to this README's URL in your git host",
  ),
  receiver: documented(
    z.enum(["webhook", "slack"], { error: "webhook or slack" }).default("webhook"),
    "how Alertmanager notifies once `alertmanagerWebhookUrl` is set: Alertmanager's JSON, or Slack-compatible (Slack, Mattermost, Rocket.Chat, ...)",
  ),
  slackChannel: documented(
    formatted({ test: (v) => v.length > 0, allowed: "a channel such as #llm-alerts" }).default("#llm-alerts"),
    "the channel for the Slack-compatible receiver",
  ),
  groupWait: documented(formatted(prometheusDuration).default("30s"), "how long Alertmanager waits to batch a new group's alerts"),
  groupInterval: documented(formatted(prometheusDuration).default("5m"), "how long Alertmanager waits between updates of a group"),
  criticalRepeatInterval: documented(formatted(prometheusDuration).default("1h"), "how often a still-firing critical alert is sent again"),
  repeatInterval: documented(formatted(prometheusDuration).default("4h"), "how often any other still-firing alert is sent again"),
});

/** Service level objectives for the burn-rate alerts (Google SRE workbook, multi-window, multi-burn-rate). */
const slo = z.strictObject({
  availabilityPercent: documented(percent.default(99), "share of calls that succeed (error-budget burn alerts)"),
  ttftSeconds: documented(
    positive("seconds").default(1),
    "a first token within this many seconds is good; it must be a bucket bound every TTFT histogram of the catalog has",
  ),
  ttftPercent: documented(percent.default(95), "share of calls whose first token is good"),
});

/** node-exporter: the host metrics behind the Host dashboard and the HostMemoryHigh alert. */
const nodeExporter = z.strictObject({
  enabled: documented(
    z.boolean({ error: "true or false" }).default(true),
    "`false` leaves node-exporter out (GKE Autopilot, or a cluster or machine that already runs one)",
  ),
  hostNetwork: documented(
    z.boolean({ error: "true or false" }).optional(),
    "`true`: on the host's network, so the Host dashboard's network panel shows the host's traffic; on Docker only with a Linux engine (see [Host metrics on Docker](#host-metrics-on-docker))",
    "`true` on Kubernetes, `false` on Docker",
  ),
  port: documented(port.default(9100), "1..65535; on the host's network a port of every node (or of the Docker host)"),
});

const dataEpochs = documented(
  perComponent(COMPONENT_NAMES, epoch.default(0)),
  "bumped by `npm run data -- reset`; a new epoch is a new, empty volume",
);

/** Sections read as {} when the stack file leaves them out, so each of their keys takes its default. */
function absentAsEmpty<S extends Record<string, z.ZodObject>>(sections: S): { [K in keyof S]: z.ZodPrefault<S[K]> } {
  return Object.fromEntries(Object.entries(sections).map(([name, section]) => [name, section.prefault({})])) as { [K in keyof S]: z.ZodPrefault<S[K]> };
}

export const stackConfigSchema = z.strictObject({
  target: documented(z.enum(["docker", "kubernetes"], { error: "docker or kubernetes" }).default("docker"), "where the stack runs"),
  namePrefix: documented(
    formatted(dnsLabel).default("llmobs"),
    "DNS label, at most 30 characters; prefixes every container, volume and network, so two stacks can share one Docker engine",
  ),
  bindAddress: documented(formatted(ipAddress).default("127.0.0.1"), "the IP address published ports bind to on Docker; `0.0.0.0` publishes on every interface"),
  ...absentAsEmpty({ ports, images, llmService, prometheus, grafana, jaeger, thresholds, dashboards, alerting, slo, dataEpochs, nodeExporter }),
  kubernetes: kubernetesSection,
});

/** The config as the schema parses it. */
export type ParsedStackConfig = z.infer<typeof stackConfigSchema>;

export type StackConfig = ParsedStackConfig & {
  /** The secret keys the stack sets (their values are never here). */
  secretsSet: readonly SecretKey[];
};
export type HostPortName = keyof StackConfig["ports"];
