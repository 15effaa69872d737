/**
 * Fixed Grafana datasource UIDs: dashboards, trace links and exemplar links refer to datasources by
 * these, so they stay valid across restarts, resets and both targets.
 */
export const DATASOURCE_UIDS = {
  prometheus: "llmobs-prometheus",
  jaeger: "llmobs-jaeger",
  alertmanager: "llmobs-alertmanager",
  /** The long-term store remote write fills (prometheus.remoteWrite.queryUrl). */
  longTerm: "llmobs-prometheus-long-term",
} as const;
