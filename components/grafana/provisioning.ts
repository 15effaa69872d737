import type { StackConfig } from "../../config/schema.ts";
import { DATASOURCE_UIDS } from "../../dashboards/common/datasourceUids.ts";
import { generatedYaml } from "../generatedYaml.ts";

export interface DatasourceAddresses {
  prometheus: string;
  jaeger: string;
  alertmanager?: string;
}

/**
 * Datasources with fixed UIDs, so dashboards and trace links never break, and `more` after them (the
 * long-term store). `prune` removes datasources that are no longer in this file; none of them can be
 * edited in the UI (code is the source of truth).
 */
export function renderDatasources(config: StackConfig, addresses: DatasourceAddresses, more: readonly unknown[] = []): string {
  const datasources: unknown[] = [
    {
      name: "Prometheus",
      uid: DATASOURCE_UIDS.prometheus,
      type: "prometheus",
      access: "proxy",
      url: `http://${addresses.prometheus}`,
      isDefault: true,
      editable: false,
      jsonData: {
        httpMethod: "POST",
        prometheusType: "Prometheus",
        timeInterval: config.prometheus.scrapeInterval,
        // Exemplars carrying a trace_id open the trace in Jaeger.
        exemplarTraceIdDestinations: [{ name: "trace_id", datasourceUid: DATASOURCE_UIDS.jaeger }],
      },
    },
    {
      name: "Jaeger",
      uid: DATASOURCE_UIDS.jaeger,
      type: "jaeger",
      access: "proxy",
      url: `http://${addresses.jaeger}`,
      editable: false,
      jsonData: { nodeGraph: { enabled: true } },
    },
  ];
  if (addresses.alertmanager) {
    datasources.push({
      name: "Alertmanager",
      uid: DATASOURCE_UIDS.alertmanager,
      type: "alertmanager",
      access: "proxy",
      url: `http://${addresses.alertmanager}`,
      editable: false,
      jsonData: { implementation: "prometheus", handleGrafanaManagedAlerts: false },
    });
  }
  datasources.push(...more);
  return generatedYaml("stacks/files/grafanaProvisioning.ts", { apiVersion: 1, prune: true, datasources });
}

/** Where provisioned dashboards are read from inside the Grafana container. */
export const GRAFANA_DASHBOARDS_DIR = "/etc/grafana/dashboards";

/** One file provider: the project's dashboards, in one folder, not editable or deletable in the UI. */
export function renderDashboardProvider(config: StackConfig): string {
  const document = {
    apiVersion: 1,
    providers: [
      {
        name: "llmobs",
        orgId: 1,
        folder: config.grafana.folder,
        folderUid: "llmobs",
        type: "file",
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 30,
        options: { path: GRAFANA_DASHBOARDS_DIR, foldersFromFilesStructure: false },
      },
    ],
  };
  return generatedYaml("stacks/files/grafanaProvisioning.ts", document);
}
