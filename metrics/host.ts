import type { StackConfig } from "../config/schema.ts";

/**
 * The matcher that keeps a host's real file systems (node_filesystem_* series), leaving out the types
 * `nodeExporter.virtualFsTypes` names. Every panel and alert on file-system use selects with this one matcher.
 */
export function realFilesystems(config: StackConfig): string {
  return `fstype!~${JSON.stringify(config.nodeExporter.virtualFsTypes)}`;
}
