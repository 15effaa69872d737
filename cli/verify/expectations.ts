import { load } from "js-yaml";
import type { StackDescription } from "../../components/types.ts";
import type { StackConfig } from "../../config/schema.ts";
import { llmServiceJobs } from "../../config/scrapeChecks.ts";

/** What the program shipped, read back from the files it rendered: what a healthy stack must show. */
export interface StackExpectations {
  components: string[];
  datasources: { uid: string; name: string; type: string }[];
  dashboards: { uid: string; title: string }[];
  ruleGroups: string[];
  /** Every scrape job in prometheus.yml; the LLM services' are among them. */
  scrapeJobs: string[];
  llmServiceJobs: string[];
  /** The stores prometheus.yml writes to (remote_write), by URL. */
  remoteWriteUrls: string[];
  /** The receiver Alertmanager's top-level route sends to. */
  alertReceiver?: string;
}

function fileOf(stack: StackDescription, component: string, predicate: (path: string) => boolean): string[] {
  return (stack.components.find((c) => c.name === component)?.configFiles ?? []).filter((f) => predicate(f.path)).map((f) => f.content);
}

export function stackExpectations(stack: StackDescription, config: StackConfig): StackExpectations {
  const datasources = fileOf(stack, "grafana", (p) => p.startsWith("provisioning/datasources/")).flatMap(
    (text) => (load(text) as { datasources: { uid: string; name: string; type: string }[] }).datasources,
  );
  const dashboards = fileOf(stack, "grafana", (p) => p.startsWith("dashboards/") && p.endsWith(".json")).map((text) => {
    const { uid, title } = JSON.parse(text) as { uid: string; title: string };
    return { uid, title };
  });
  const ruleGroups = fileOf(stack, "prometheus", (p) => p.startsWith("rules/")).flatMap(
    (text) => (load(text) as { groups: { name: string }[] }).groups.map((g) => g.name),
  );
  const prometheusYml = fileOf(stack, "prometheus", (p) => p === "prometheus.yml").map(
    (text) => load(text) as { scrape_configs: { job_name: string }[]; remote_write?: { url: string }[] },
  );
  const scrapeJobs = prometheusYml.flatMap((yml) => yml.scrape_configs.map((s) => s.job_name));
  const remoteWriteUrls = prometheusYml.flatMap((yml) => (yml.remote_write ?? []).map((w) => w.url));
  const receiver = fileOf(stack, "alertmanager", (p) => p === "alertmanager.yml").map((text) => (load(text) as { route: { receiver: string } }).route.receiver)[0];
  return {
    components: stack.components.map((c) => c.name),
    datasources,
    dashboards,
    ruleGroups,
    scrapeJobs,
    llmServiceJobs: llmServiceJobs(config),
    remoteWriteUrls,
    ...(receiver ? { alertReceiver: receiver } : {}),
  };
}
