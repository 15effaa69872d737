import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";
import { ruleFileGroups } from "../../rules/ruleFiles.ts";
import { configProblems } from "../support/config/configProblems.ts";

/** The error-budget burns are config: each of their windows is recorded, and each alert reads its own. */
describe("alerts.burnCritical and alerts.burnWarning", () => {
  const sloRules = (alerts: Record<string, unknown>) => {
    const config = parseStackConfig({ values: { alerts }, secrets: {} }, STACK_FACTS);
    return ruleFileGroups(config).find((file) => file.name === "llm-slo.yml")!.groups.flatMap((group) => group.rules);
  };

  test("a burn set in config is recorded and alerted on", () => {
    const rules = sloRules({ burnCritical: [{ long: "2h", short: "10m", burn: 10 }] });
    const records = rules.flatMap((rule) => ("record" in rule ? [rule.record] : []));
    expect(records).toContain("job:llm_request_errors:ratio_rate2h");
    expect(records).toContain("job:llm_request_errors:ratio_rate10m");
    expect(records).not.toContain("job:llm_request_errors:ratio_rate5m");
    const critical = rules.find((rule) => "alert" in rule && rule.alert === "LLMErrorBudgetBurn" && rule.labels.severity === "critical")!;
    expect("expr" in critical && critical.expr).toBe("(job:llm_request_errors:ratio_rate2h > 10 * 0.01 and job:llm_request_errors:ratio_rate10m > 10 * 0.01)");
  });

  test.each([
    [{ burnCritical: [] }, "llmobs:alerts.burnCritical"],
    [{ burnWarning: [{ long: "1h", short: "1h", burn: 3 }] }, "llmobs:alerts.burnWarning[0]"],
    [{ burnWarning: [{ long: "1h", short: "5m", burn: 0 }] }, "llmobs:alerts.burnWarning[0].burn"],
    [{ burnWarning: [{ long: "an hour", short: "5m", burn: 3 }] }, "llmobs:alerts.burnWarning[0].long"],
  ])("%j is refused", (alerts, path) => {
    expect(configProblems({ alerts }, {}).map((p) => p.key)).toEqual([path]);
  });
});
