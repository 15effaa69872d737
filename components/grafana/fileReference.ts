/** A setting's value read from a file by Grafana's own variable expansion (settings and provisioning files alike). */
export function grafanaFileReference(path: string): string {
  return `$__file{${path}}`;
}

/** Where Grafana's secret files are mounted. */
export const GRAFANA_SECRETS_DIR = "/etc/grafana/secrets";
