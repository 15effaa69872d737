import type { DataSourceRef } from "@grafana/grafana-foundation-sdk/dashboard";
import { DATASOURCE_UIDS } from "./datasourceUids.ts";

/** The provisioned datasources, by their fixed UIDs. */
export const PROMETHEUS: DataSourceRef = { type: "prometheus", uid: DATASOURCE_UIDS.prometheus };
export const JAEGER: DataSourceRef = { type: "jaeger", uid: DATASOURCE_UIDS.jaeger };
