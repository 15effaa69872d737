import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { dump, load } from "js-yaml";

/** One target group as kubernetes_sd would hand it to relabelling: an address and its __meta_ labels. */
export interface DiscoveredTarget {
  address: string;
  labels: Record<string, string>;
}

/**
 * There is no cluster for kubernetes_sd to discover here. This swaps each job's kubernetes_sd_configs for
 * file_sd_configs serving the given targets, which carry the same __meta_kubernetes_* labels: everything
 * else in the job (relabelling above all) runs unchanged in a real Prometheus. Returns the rewritten
 * prometheus.yml and the kubernetes_sd blocks it removed.
 */
export function standInForKubernetesSd(
  prometheusYml: string,
  dir: string,
  targetsByJob: Record<string, DiscoveredTarget[]>,
): { yml: string; removed: Record<string, unknown[]> } {
  const document = load(prometheusYml) as { scrape_configs: Record<string, unknown>[] };
  const removed: Record<string, unknown[]> = {};
  for (const job of document.scrape_configs) {
    const name = String(job["job_name"]);
    const sd = job["kubernetes_sd_configs"] as unknown[] | undefined;
    if (!sd) continue;
    removed[name] = sd;
    delete job["kubernetes_sd_configs"];
    const file = join(dir, `${name}.sd.json`);
    const groups = (targetsByJob[name] ?? []).map((target) => ({ targets: [target.address], labels: target.labels }));
    writeFileSync(file, JSON.stringify(groups));
    job["file_sd_configs"] = [{ files: [file], refresh_interval: "1s" }];
  }
  return { yml: dump(document, { lineWidth: -1, noRefs: true }), removed };
}
