import type { Check } from "../preflight/checks.ts";
import type { StackExpectations } from "./expectations.ts";
import { describe, failed, http, settle } from "./http.ts";

interface Target {
  labels: { job: string; instance: string };
  health: "up" | "down" | "unknown";
  lastError: string;
}

interface RuleGroup {
  name: string;
  rules: { name: string; health: string; lastError?: string }[];
}

/**
 * Prometheus as it runs: every scrape target and which are down (with the scrape error), every rule group
 * the program shipped loaded and evaluating without errors, and Alertmanager discovered.
 */
export async function prometheusChecks(url: string, expected: StackExpectations, unreachableFix: string, deadline: number): Promise<Check[]> {
  // A fresh Prometheus is still discovering its targets, and they are "unknown" until their first scrape.
  const targets = await settle(async () => {
    const result = await http(`${url}/api/v1/targets?state=active`);
    const active = failed(result) || result.status !== 200 ? undefined : (result.body as { data: { activeTargets: Target[] } }).data.activeTargets;
    const settled = active !== undefined && expected.llmServiceJobs.every((job) => active.some((t) => t.labels.job === job)) && active.every((t) => t.health !== "unknown");
    return { done: settled, value: active ?? result };
  }, deadline);
  if (!Array.isArray(targets)) {
    return [{ name: "Prometheus", ok: false, detail: `${url}: ${describe(targets)}`, fix: unreachableFix }];
  }
  const checks: Check[] = [];
  const up = targets.filter((t) => t.health === "up");
  checks.push({ name: "Prometheus targets", ok: true, detail: `${up.length} of ${targets.length} up` });
  for (const target of targets.filter((t) => t.health !== "up")) {
    const llm = expected.llmServiceJobs.includes(target.labels.job);
    checks.push({
      name: `Prometheus target ${target.labels.job} ${target.labels.instance}`,
      ok: false,
      ...(llm ? { warning: true } : {}),
      detail: `${target.health}${target.lastError ? `: ${target.lastError}` : ""}`,
      fix: llm
        ? "Your LLM service is not answering on its metrics endpoint: start it (or `npm run demo`), and check llmService.targets (README, \"No data in Grafana\")."
        : `The stack's own ${target.labels.job} cannot be scraped: see its line below and its logs.`,
    });
  }
  for (const job of expected.llmServiceJobs.filter((job) => !targets.some((t) => t.labels.job === job))) {
    checks.push({
      name: `Prometheus job ${job}`,
      ok: false,
      detail: "has no target",
      fix: "Set the job's targets in llmService, or check its discovery: no running pod matches its selector on its port.",
    });
  }

  const rules = await http(`${url}/api/v1/rules`);
  if (failed(rules) || rules.status !== 200) {
    checks.push({ name: "Prometheus rules", ok: false, detail: describe(rules) });
  } else {
    const groups = (rules.body as { data: { groups: RuleGroup[] } }).data.groups;
    const loaded = new Set(groups.map((g) => g.name));
    const missing = expected.ruleGroups.filter((g) => !loaded.has(g));
    const broken = groups.flatMap((g) => g.rules.filter((r) => r.health === "err").map((r) => `${g.name}/${r.name}: ${r.lastError ?? "error"}`));
    checks.push(
      missing.length > 0
        ? { name: "Prometheus rules", ok: false, detail: `rule groups not loaded: ${missing.join(", ")}`, fix: "Prometheus logs why it refused a rule file." }
        : broken.length > 0
          ? { name: "Prometheus rules", ok: false, detail: `evaluation errors: ${broken.join("; ")}` }
          : { name: "Prometheus rules", ok: true, detail: `${groups.length} groups loaded, ${groups.reduce((n, g) => n + g.rules.length, 0)} rules, no evaluation errors` },
    );
  }

  if (expected.components.includes("alertmanager")) {
    const discovered = await settle(async () => {
      const result = await http(`${url}/api/v1/alertmanagers`);
      const active = failed(result) || result.status !== 200 ? [] : (result.body as { data: { activeAlertmanagers: { url: string }[] } }).data.activeAlertmanagers;
      return { done: active.length > 0, value: active };
    }, deadline);
    checks.push(
      discovered.length > 0
        ? { name: "Prometheus → Alertmanager", ok: true, detail: `alerts go to ${discovered.map((a) => a.url).join(", ")}` }
        : { name: "Prometheus → Alertmanager", ok: false, detail: "no Alertmanager discovered", fix: "Alerts are not delivered: check the alerting section of prometheus.yml (`npm run render`)." },
    );
  }
  return checks;
}
