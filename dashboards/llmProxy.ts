import { DashboardLinkBuilder, DashboardLinkType, type Dashboard, type ThresholdsConfigBuilder } from "@grafana/grafana-foundation-sdk/dashboard";
import type { StackConfig } from "../config/schema.ts";
import { nameOf, type MetricId } from "../metrics/catalog/metrics.ts";
import { SERIES } from "../metrics/canonical.ts";
import { PROXY_ALERTS } from "../rules/proxyAlerts.ts";
import { instantQuery, rangeQuery } from "./common/queries.ts";
import { overRange, perSecond } from "./common/canonicalQueries.ts";
import { higherIsWorse, shareAlertThresholds, steps } from "./common/thresholds.ts";
import { UNITS } from "./common/units.ts";
import { stat, timeSeries, type Panel } from "./common/panels.ts";
import { buildDashboard } from "./common/dashboard.ts";
import { hostQueries } from "./common/hostQueries.ts";
import { HOST_UID } from "./host.ts";
import { JOB_VARIABLE, serviceVariable } from "./common/serviceVariable.ts";

export const LLM_PROXY_UID = "llmobs-llm-proxy";

/** A seed 003 series of the selected services: `name[suffix]{job=~"$job", extra}` (a histogram's `_bucket`). */
function of(id: MetricId<"proxy">, extra = "", suffix = ""): string {
  return `${nameOf("proxy", id)}${suffix}{${JOB_VARIABLE}${extra ? `, ${extra}` : ""}}`;
}

const rate = (id: MetricId<"proxy">, extra = "", suffix = "") => `rate(${of(id, extra, suffix)}[$__rate_interval])`;
const quantile = (q: number, id: MetricId<"proxy">, by: string) => `histogram_quantile(${q}, sum by (${by}, le) (${rate(id, "", "_bucket")}))`;
const percentiles = (id: MetricId<"proxy">, by: string, legend: string) =>
  [0.5, 0.95, 0.99].map((q, i) => rangeQuery(String.fromCharCode(65 + i), quantile(q, id, by), `${legend} p${Math.round(q * 100)}`));

/** A link to the Host dashboard, for the host panels that summarise it. */
function hostLink(): DashboardLinkBuilder {
  return new DashboardLinkBuilder("Host dashboard").type(DashboardLinkType.Link).url(`/d/${HOST_UID}`).tooltip("Every host panel, per instance").targetBlank(false).icon("dashboard");
}

/**
 * Seed 003's host panels, each a summary of a Host dashboard panel (the same expression and alert threshold)
 * that links to it.
 */
function hostPanels(config: StackConfig): Panel[] {
  const q = hostQueries(config, { on: (metric, extra = "") => (extra ? `${metric}{${extra}}` : metric) });
  const { hostMemoryPercent, hostFileDescriptorPercent } = config.thresholds;
  const host = (title: string, description: string, unit: string, queries: ReturnType<typeof rangeQuery>[], scale: { max?: number; thresholds?: ThresholdsConfigBuilder } = {}) =>
    timeSeries(
      { title, description: `${description} Per host; the Host dashboard (panel link) has the detail.`, unit, min: 0, ...scale, width: 6, height: 6, links: [hostLink()] },
      queries,
      { thresholdLines: scale.thresholds !== undefined },
    );
  return [
    host("Host CPU", "Share of CPU time not idle.", UNITS.percent, [rangeQuery("A", q.cpu, "{{instance}}")], { max: 1 }),
    host(
      "Host Memory",
      `Share of memory in use; HostMemoryHigh (the seed's HighMemoryUsage) fires above the dashed ${hostMemoryPercent}%.`,
      UNITS.percent,
      [rangeQuery("A", q.memory, "{{instance}}")],
      { max: 1, thresholds: shareAlertThresholds(hostMemoryPercent) },
    ),
    host("Host Disk I/O", "Bytes read from and written to disks per second.", UNITS.bytesPerSecond, [
      rangeQuery("A", q.diskRead, "{{instance}} read"),
      rangeQuery("B", q.diskWritten, "{{instance}} written"),
    ]),
    host("Host Network I/O", "Bytes received and sent per second (node-exporter's view; see the Host dashboard).", UNITS.bytesPerSecond, [
      rangeQuery("A", q.networkReceived, "{{instance}} received"),
      rangeQuery("B", q.networkSent, "{{instance}} sent"),
    ]),
    host("Host Load", "Load average over 1 minute; compare with the number of cores.", UNITS.load, [rangeQuery("A", q.load1, "{{instance}}")]),
    host("Host Processes", "Processes running or ready to run, and blocked on I/O.", UNITS.count, [
      rangeQuery("A", q.processesRunning, "{{instance}} running"),
      rangeQuery("B", q.processesBlocked, "{{instance}} blocked"),
    ]),
    host(
      "Host File Descriptors",
      `Allocated file descriptors as a share of the system-wide maximum; HostFileDescriptorsHigh fires above the dashed ${hostFileDescriptorPercent}%.`,
      UNITS.percent,
      [rangeQuery("A", q.fileDescriptors, "{{instance}}")],
      { thresholds: shareAlertThresholds(hostFileDescriptorPercent) },
    ),
  ];
}

/**
 * LLM Proxy (seed 003): the proxy's requests, errors and latency by endpoint and status; its LLM calls,
 * tokens and cache; the health worker's view of the providers; the context service's condensations; and
 * the host. Every query keeps `job`, so two services never share a line; the service variable picks them.
 */
export function llmProxyPanels(config: StackConfig): Panel[] {
  const selected = (series: string) => `${series}{${JOB_VARIABLE}}`;
  const [requests, errors, tokens, hits, misses] = [SERIES.requests, SERIES.errors, SERIES.tokens, SERIES.cacheHits, SERIES.cacheMisses].map(selected) as [string, string, string, string, string];
  const httpByEndpoint = (extra = "") => `sum by (job, endpoint) (${rate("httpRequests", extra)})`;
  const t = config.thresholds;
  return [
    timeSeries(
      { title: "Request Rate", description: "HTTP requests per second the services answer, per endpoint and status code.", unit: UNITS.requestsPerSecond, min: 0, width: 8, height: 8 },
      [rangeQuery("A", `sum by (job, endpoint, status) (${rate("httpRequests")})`, "{{job}} {{endpoint}} {{status}}")],
    ),
    timeSeries(
      {
        title: "HTTP Error Rate",
        description: `Share of HTTP requests answered with a 5xx status, per endpoint (0 where all succeeded): yellow above ${t.errorRatePercent}%, red above ${t.criticalErrorRatePercent}%.`,
        unit: UNITS.percent,
        min: 0,
        width: 8,
        height: 8,
        thresholds: higherIsWorse(t.errorRatePercent / 100, t.criticalErrorRatePercent / 100),
      },
      [rangeQuery("A", `(${httpByEndpoint('status=~"5.."')} or 0 * ${httpByEndpoint()}) / ${httpByEndpoint()}`, "{{job}} {{endpoint}}")],
      { thresholdLines: true },
    ),
    timeSeries(
      { title: "Request Latency", description: "How long the services take to answer, per endpoint: median, p95, p99 over the rate interval.", unit: UNITS.seconds, min: 0, width: 8, height: 8 },
      percentiles("httpDuration", "job, endpoint", "{{job}} {{endpoint}}"),
    ),
    timeSeries(
      { title: "LLM Calls", description: "LLM API calls the proxy makes per second, per provider, and those that failed.", unit: UNITS.requestsPerSecond, min: 0, width: 8, height: 8 },
      [rangeQuery("A", perSecond(requests, ["job", "provider"]), "{{job}} {{provider}} calls"), rangeQuery("B", perSecond(errors, ["job", "provider"]), "{{job}} {{provider}} failed")],
    ),
    timeSeries(
      { title: "LLM Tokens", description: "Tokens per second sent to (input) and generated by (output) the providers' models.", unit: UNITS.tokensPerSecond, min: 0, width: 8, height: 8 },
      [rangeQuery("A", perSecond(tokens, ["job", "direction"]), "{{job}} {{direction}}")],
    ),
    stat(
      {
        title: "Cache Hit Rate",
        description: `Share of the proxy's requests its response cache answered in the selected time range; below ${t.cacheHitRatePercent}% the cache is not paying off.`,
        unit: UNITS.percent,
        min: 0,
        max: 1,
        width: 8,
        height: 8,
        thresholds: steps("red", { value: t.cacheHitRatePercent / 100, color: "green" }),
      },
      instantQuery("A", `sum by (job) (${overRange(hits, "$__range")}) / (sum by (job) (${overRange(hits, "$__range")}) + sum by (job) (${overRange(misses, "$__range")}))`, "{{job}}"),
    ),
    timeSeries(
      {
        title: "Provider Health",
        description: `Each provider's status at the health worker's last check: 1 healthy, 0 unhealthy (${PROXY_ALERTS.providerUnhealthy} fires after ${config.llmProxy.providerUnhealthyFor} at 0).`,
        unit: UNITS.count,
        min: 0,
        max: 1,
        decimals: 0,
        width: 12,
        height: 8,
        thresholds: steps("red", { value: 1, color: "green" }),
      },
      [rangeQuery("A", `max by (job, provider) (${of("providerStatus")})`, "{{job}} {{provider}}")],
    ),
    timeSeries(
      { title: "Health Checks", description: "Provider health checks per second, per provider and outcome.", unit: UNITS.requestsPerSecond, min: 0, width: 12, height: 8 },
      [rangeQuery("A", `sum by (job, provider, status) (${rate("healthChecks")})`, "{{job}} {{provider}} {{status}}")],
    ),
    timeSeries(
      { title: "Context Condensations", description: "Contexts the context service condenses per second.", unit: UNITS.requestsPerSecond, min: 0, width: 8, height: 8 },
      [rangeQuery("A", `sum by (job) (${rate("condensations")})`, "{{job}}")],
    ),
    timeSeries(
      { title: "Context Cache Size", description: "Entries in the context service's cache.", unit: UNITS.count, min: 0, width: 8, height: 8 },
      [rangeQuery("A", `sum by (job) (${of("contextCacheSize")})`, "{{job}}")],
    ),
    timeSeries(
      { title: "Context Processing Time", description: "How long the context service takes per context: median, p95, p99 over the rate interval.", unit: UNITS.seconds, min: 0, width: 8, height: 8 },
      percentiles("contextProcessingTime", "job", "{{job}}"),
    ),
    ...hostPanels(config),
  ];
}

/** LLM Proxy: seed 003's services on one dashboard, per service. */
export function llmProxyDashboard(config: StackConfig): Dashboard {
  return buildDashboard({
    uid: LLM_PROXY_UID,
    title: "LLM Proxy",
    description: "An LLM proxy's services (proxy, context service, health worker): requests, errors and latency by endpoint, LLM calls, cache, provider health, context condensation, and the host.",
    from: "now-1h",
    variables: [serviceVariable(config)],
    annotations: [],
    panels: llmProxyPanels(config),
  });
}
