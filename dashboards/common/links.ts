import { DashboardLinkBuilder, DashboardLinkType } from "@grafana/grafana-foundation-sdk/dashboard";
import { JAEGER } from "./datasources.ts";

/**
 * A panel link that opens Grafana Explore on the Jaeger datasource, searching traces over the panel's
 * time range. Grafana fills ${__from} and ${__to} when the link is followed.
 */
export function jaegerTracesLink(): DashboardLinkBuilder {
  const panes = {
    traces: {
      datasource: JAEGER.uid,
      queries: [{ refId: "A", datasource: JAEGER, queryType: "search" }],
      range: { from: "${__from}", to: "${__to}" },
    },
  };
  const encoded = encodeURIComponent(JSON.stringify(panes)).replaceAll("%24%7B__from%7D", "${__from}").replaceAll("%24%7B__to%7D", "${__to}");
  return new DashboardLinkBuilder("Traces in Jaeger")
    .type(DashboardLinkType.Link)
    .url(`/explore?schemaVersion=1&orgId=1&panes=${encoded}`)
    .tooltip("Search the traces of this time range in Jaeger")
    .targetBlank(false)
    .icon("external link");
}
