import { describe, expect, test } from "vitest";
import { parseStackConfig } from "../../config/parse.ts";
import { StackConfigError, type ConfigProblem } from "../../config/problems.ts";
import { configProblems } from "../support/config/configProblems.ts";
import { parseStackDocument, StackFileError } from "../../config/fromStackFile.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

function problemsOf(values: Record<string, unknown>, secrets: Record<string, string | undefined> = {}): ConfigProblem[] {
  return configProblems(values, secrets);
}

function onlyProblem(values: Record<string, unknown>, secrets: Record<string, string | undefined> = {}): ConfigProblem {
  const problems = problemsOf(values, secrets);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe("stack config defaults", () => {
  test("an empty config is the laptop stack", () => {
    const config = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
    expect(config.target).toBe("docker");
    expect(config.bindAddress).toBe("127.0.0.1");
    expect(config.ports).toMatchObject({ grafana: 3005, prometheus: 9090, jaegerUi: 16686, otlpGrpc: 4317, otlpHttp: 4318, jaegerCollector: 14268 });
    expect(config.llmService).toEqual([{ jobName: "llm-service", targets: ["host.docker.internal:8000"], metricsPath: "/metrics", scheme: "http" }]);
    expect(config.prometheus.retentionTime).toBe("15d");
  });

  test("llmService is a list of scrape jobs; a stack file's single llmService object is read as its only entry", () => {
    const parse = (llmService: unknown) => parseStackConfig({ values: { llmService }, secrets: {} }, STACK_FACTS).llmService;
    expect(parse({ jobName: "gateway", targets: ["10.0.0.7:9464"] })).toEqual([{ jobName: "gateway", targets: ["10.0.0.7:9464"], metricsPath: "/metrics", scheme: "http" }]);
    expect(
      parse([
        { jobName: "llm-proxy", targets: ["proxy:8000"] },
        { jobName: "context-service", targets: ["context:8001"], metricsPath: "/stats" },
        { jobName: "health-worker" },
      ]),
    ).toEqual([
      { jobName: "llm-proxy", targets: ["proxy:8000"], metricsPath: "/metrics", scheme: "http" },
      { jobName: "context-service", targets: ["context:8001"], metricsPath: "/stats", scheme: "http" },
      { jobName: "health-worker", targets: ["host.docker.internal:8000"], metricsPath: "/metrics", scheme: "http" },
    ]);
  });

  test("a job found through Kubernetes discovery lists no addresses", () => {
    const discovery = { namespace: "llm", selector: "app=llm-proxy", port: 8000 };
    const config = parseStackConfig({ values: { target: "kubernetes", llmService: [{ jobName: "llm-proxy", discovery }] }, secrets: {} }, STACK_FACTS);
    expect(config.llmService).toEqual([{ jobName: "llm-proxy", targets: [], metricsPath: "/metrics", scheme: "http", discovery }]);
  });

  test("a partial object keeps the defaults of the keys it leaves out", () => {
    const config = parseStackConfig({ values: { ports: { grafana: 3300 } }, secrets: {} }, STACK_FACTS);
    expect(config.ports.grafana).toBe(3300);
    expect(config.ports.prometheus).toBe(9090);
  });

  test("the committed stack files are valid", async () => {
    const { readFileSync } = await import("node:fs");
    const local = parseStackDocument(readFileSync(new URL("../../stacks/Pulumi.local.yaml", import.meta.url), "utf8"), STACK_FACTS);
    expect(local.target).toBe("docker");
  });
});

describe("every bad value is named with its key, value and what is allowed", () => {
  test("a port outside 1..65535", () => {
    const problem = onlyProblem({ ports: { grafana: 70000 } });
    expect(problem.key).toBe("llmobs:ports.grafana");
    expect(problem.message).toContain("70000");
    expect(problem.message).toContain("1 to 65535");
  });

  test("a port of 0 and a fractional port", () => {
    const problems = problemsOf({ ports: { prometheus: 0, jaegerUi: 80.5 } });
    expect(problems.map((p) => p.key).sort()).toEqual(["llmobs:ports.jaegerUi", "llmobs:ports.prometheus"]);
  });

  test("a port given as text", () => {
    const problem = onlyProblem({ ports: { grafana: "3005" } });
    expect(problem.key).toBe("llmobs:ports.grafana");
    expect(problem.message).toContain("expected a number");
  });

  test("two endpoints on one host port", () => {
    const problem = onlyProblem({ ports: { prometheus: 3005 } });
    expect(problem.key).toBe("llmobs:ports.prometheus");
    expect(problem.message).toContain("already taken by llmobs:ports.grafana");
  });

  test("an unknown target", () => {
    const problem = onlyProblem({ target: "swarm" });
    expect(problem.key).toBe("llmobs:target");
    expect(problem.message).toContain('"swarm"');
    expect(problem.message).toContain("docker or kubernetes");
  });

  test("a malformed duration", () => {
    const problem = onlyProblem({ prometheus: { scrapeInterval: "15 s" } });
    expect(problem.key).toBe("llmobs:prometheus.scrapeInterval");
    expect(problem.message).toContain('"15 s"');
    expect(problem.message).toContain("Prometheus duration");
  });

  test("a duration with days where Jaeger (Go) needs hours", () => {
    const problem = onlyProblem({ jaeger: { spanRetention: "7d" } });
    expect(problem.key).toBe("llmobs:jaeger.spanRetention");
    expect(problem.message).toContain("no days");
  });

  test("a zero scrape interval, in minutes", () => {
    const problem = onlyProblem({ prometheus: { scrapeInterval: "0m" } });
    expect(problem.key).toBe("llmobs:prometheus.scrapeInterval");
    expect(problem.message).toContain('"0m" is not allowed');
    expect(problem.message).toContain("greater than zero");
  });

  test("a zero evaluation interval, in hours", () => {
    expect(onlyProblem({ prometheus: { evaluationInterval: "0h" } }).key).toBe("llmobs:prometheus.evaluationInterval");
  });

  test("a zero span retention", () => {
    expect(onlyProblem({ jaeger: { spanRetention: "0h0m" } }).key).toBe("llmobs:jaeger.spanRetention");
  });

  test("a malformed size", () => {
    const problem = onlyProblem({ prometheus: { retentionSize: "10 GB" } });
    expect(problem.key).toBe("llmobs:prometheus.retentionSize");
    expect(problem.message).toContain("10GB");
  });

  test("a scrape target that is not host:port", () => {
    const problems = problemsOf({ llmService: { targets: ["http://localhost:8000/metrics", "localhost", "api:99999"] } });
    expect(problems.map((p) => p.key)).toEqual([
      "llmobs:llmService[0].targets[0]",
      "llmobs:llmService[0].targets[1]",
      "llmobs:llmService[0].targets[2]",
    ]);
    expect(problems[0]!.message).toContain("host:port");
  });

  test("scrape targets that are host:port pass, IPv6 included", () => {
    expect(problemsOf({ llmService: { targets: ["api.internal:8000", "10.0.0.7:9464", "[::1]:8000"] } })).toEqual([]);
  });

  test("an empty list of scrape targets", () => {
    expect(onlyProblem({ llmService: { targets: [] } }).key).toBe("llmobs:llmService[0].targets");
  });

  test("an empty password", () => {
    const problem = onlyProblem({}, { grafanaAdminPassword: "  " });
    expect(problem.key).toBe("llmobs:grafanaAdminPassword");
    expect(problem.message).toContain("empty");
  });

  test("a short password", () => {
    expect(onlyProblem({}, { grafanaAdminPassword: "admin" }).message).toContain("at least 12");
  });

  test("a bind address that is not an IP", () => {
    const problem = onlyProblem({ bindAddress: "localhost" });
    expect(problem.key).toBe("llmobs:bindAddress");
    expect(problem.message).toContain('"localhost"');
    expect(problem.message).toContain("IPv4 or IPv6");
  });

  test("an image without a version tag", () => {
    const problems = problemsOf({ images: { grafana: "grafana/grafana:latest", prometheus: "prom/prometheus" } });
    expect(problems.map((p) => p.key).sort()).toEqual(["llmobs:images.grafana", "llmobs:images.prometheus"]);
    expect(problems[0]!.message).toContain("floating tags such as latest");
  });

  test("images pinned by version or digest pass", () => {
    expect(
      problemsOf({
        images: {
          grafana: "grafana/grafana:12.3.1",
          prometheus: "registry.example.com:5000/mirror/prometheus:v3.7.3",
          jaeger: `jaegertracing/jaeger@sha256:${"a".repeat(64)}`,
        },
      }),
    ).toEqual([]);
  });

  test("an unknown key, with the keys allowed there", () => {
    const problem = onlyProblem({ ports: { grafna: 3005 } });
    expect(problem.key).toBe("llmobs:ports.grafna");
    expect(problem.message).toContain("unknown key");
    expect(problem.message).toContain("grafana, prometheus");
  });

  test("an unknown top-level key", () => {
    const problem = onlyProblem({ prots: {} });
    expect(problem.key).toBe("llmobs:prots");
    expect(problem.message).toContain("ports");
  });

  test("a name prefix that cannot name Docker objects", () => {
    expect(onlyProblem({ namePrefix: "LLM Obs" }).key).toBe("llmobs:namePrefix");
  });

  test("every problem is reported at once", () => {
    const problems = problemsOf(
      { target: "swarm", bindAddress: "nowhere", ports: { grafana: 0, prometheus: 16686 }, prometheus: { retentionTime: "2 weeks" } },
      { grafanaAdminPassword: "" },
    );
    expect(problems.map((p) => p.key).sort()).toEqual([
      "llmobs:bindAddress",
      "llmobs:grafanaAdminPassword",
      "llmobs:ports.grafana",
      "llmobs:ports.prometheus",
      "llmobs:prometheus.retentionTime",
      "llmobs:target",
    ]);
  });

  test("the error message lists each problem and how to fix it", () => {
    const error = (() => {
      try {
        parseStackConfig({ values: { bindAddress: "x", ports: { grafana: -1 } }, secrets: {} }, STACK_FACTS);
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected a StackConfigError");
    })();
    expect(error.message).toContain("2 problems; nothing was changed");
    expect(error.message).toContain("- llmobs:bindAddress:");
    expect(error.message).toContain("- llmobs:ports.grafana:");
    expect(error.message).toContain("pulumi config set --path");
  });

  test("a password stored in plain text in a stack file", () => {
    expect(() => parseStackDocument("config:\n  llmobs:grafanaAdminPassword: correct-horse-battery\n", STACK_FACTS)).toThrow(
      /pulumi config set --secret llmobs:grafanaAdminPassword/,
    );
  });

  test("an encrypted password in a stack file is accepted unread", () => {
    const config = parseStackDocument("config:\n  llmobs:grafanaAdminPassword:\n    secure: v1:abc\n", STACK_FACTS);
    expect(config.target).toBe("docker");
  });
});

describe("thresholds", () => {
  test("the seeds' defaults", () => {
    const { thresholds } = parseStackConfig({ values: {}, secrets: {} }, STACK_FACTS);
    expect(thresholds).toMatchObject({
      slowTokenRate: 10,
      criticalTokenRate: 5,
      slowRequestSeconds: 5,
      criticalRequestSeconds: 10,
      errorRatePercent: 1,
      criticalErrorRatePercent: 10,
      successRatePercent: 99,
      cacheHitRatePercent: 30,
      p99LatencySeconds: 10,
      dailyBudgetUsd: 100,
      budgetWarningPercent: 80,
    });
  });

  test("a critical threshold on the wrong side of its warning", () => {
    const problem = onlyProblem({ thresholds: { criticalTokenRate: 12 } });
    expect(problem.key).toBe("llmobs:thresholds.criticalTokenRate");
    expect(problem.message).toContain("lower than thresholds.slowTokenRate (10)");
  });

  test("a percentage above 100", () => {
    expect(onlyProblem({ thresholds: { successRatePercent: 120 } }).key).toBe("llmobs:thresholds.successRatePercent");
  });

  test("a budget of zero", () => {
    expect(onlyProblem({ thresholds: { dailyBudgetUsd: 0 } }).message).toContain("greater than 0");
  });

  test("a team pattern that is not a regular expression", () => {
    expect(onlyProblem({ dashboards: { teams: { pattern: "([a-z" } } }).key).toBe("llmobs:dashboards.teams.pattern");
  });

  test("a team pattern with a lookahead, which JavaScript accepts and Prometheus' RE2 refuses", () => {
    expect(() => new RegExp("(?=agent)([^.]+).*")).not.toThrow();
    const problem = onlyProblem({ dashboards: { teams: { pattern: "(?=agent)([^.]+).*" } } });
    expect(problem.key).toBe("llmobs:dashboards.teams.pattern");
    expect(problem.message).toContain("RE2");
    expect(problem.message).toContain("(?=");
  });

  test("a team pattern with a backreference", () => {
    expect(onlyProblem({ dashboards: { teams: { pattern: "(\\w+)\\.\\1" } } }).message).toContain("invalid escape sequence");
  });

  test("RE2 syntax JavaScript lacks is accepted", () => {
    expect(problemsOf({ dashboards: { teams: { pattern: "(?P<team>[[:alnum:]]+).*" } } })).toEqual([]);
  });
});

describe("alerting and SLO config", () => {
  test("an objective of 100% leaves no error budget", () => {
    const problem = onlyProblem({ slo: { availabilityPercent: 100 } });
    expect(problem.key).toBe("llmobs:slo.availabilityPercent");
    expect(problem.message).toContain("below 100");
  });

  test("a time-to-first-token bound between some emitters' bucket bounds is allowed: their share within it is interpolated", () => {
    expect(problemsOf({ slo: { ttftSeconds: 2 } })).toEqual([]);
    expect(problemsOf({ slo: { ttftSeconds: 0.8 } })).toEqual([]);
  });

  test("an unknown receiver kind", () => {
    expect(onlyProblem({ alerting: { receiver: "pagerduty" } }).message).toContain("webhook or slack");
  });

  test("a webhook URL that is not http(s)", () => {
    const problem = onlyProblem({}, { alertmanagerWebhookUrl: "hooks.slack.com/services/x" });
    expect(problem.key).toBe("llmobs:alertmanagerWebhookUrl");
    expect(problem.message).toContain("http(s) URL");
    expect(problem.message).not.toContain("hooks.slack.com/services/x");
  });

  test("the secrets a stack sets are known by name, never by value", () => {
    const config = parseStackConfig({ values: {}, secrets: { alertmanagerWebhookUrl: "https://hooks.example.com/x" } }, STACK_FACTS);
    expect(config.secretsSet).toEqual(["alertmanagerWebhookUrl"]);
    expect(JSON.stringify(config)).not.toContain("hooks.example.com");
  });
});

describe("config a user plausibly gets wrong", () => {
  test("an LLM service job named like one of the stack's own jobs", () => {
    const problem = onlyProblem({ llmService: { jobName: "prometheus" } });
    expect(problem.key).toBe("llmobs:llmService[0].jobName");
    expect(problem.message).toContain('"prometheus" is not allowed');
    expect(problem.message).toContain("prometheus, grafana, jaeger, jaeger-spanmetrics, node-exporter, alertmanager");
  });

  test("the job the cluster stack adds for annotated pods is built in there, and free on Docker", () => {
    const problem = onlyProblem({ target: "kubernetes", llmService: { jobName: "kubernetes-pods" } });
    expect(problem.key).toBe("llmobs:llmService[0].jobName");
    expect(problem.message).toContain("kubernetes-pods");
    expect(problemsOf({ llmService: { jobName: "kubernetes-pods" } })).toEqual([]);
  });

  test("a scrape interval too long for the rules' 5m rate windows", () => {
    const problem = onlyProblem({ prometheus: { scrapeInterval: "3m" } });
    expect(problem.key).toBe("llmobs:prometheus.scrapeInterval");
    expect(problem.message).toContain('"3m" is not allowed');
    expect(problem.message).toContain("rates over 5m");
    expect(problem.message).toContain("at least every 2m30s");
  });

  test("a scrape interval of exactly half the rate window still gives every window two samples", () => {
    expect(problemsOf({ prometheus: { scrapeInterval: "2m30s", evaluationInterval: "2m30s" } })).toEqual([]);
  });

  test("a key path stored as one key name, as pulumi config set does without --path", () => {
    const problem = onlyProblem({ "ports.grafana": 3006 });
    expect(problem.key).toBe("llmobs:ports.grafana");
    expect(problem.message).toContain("without --path");
    expect(problem.message).toContain("pulumi config set --path 'llmobs:ports.grafana' <value>");
  });
});

describe("every problem at once", () => {
  test("a check across keys runs although another key is bad", () => {
    const problems = problemsOf({ bindAddress: "my-laptop", thresholds: { criticalTokenRate: 12 }, llmService: { jobName: "grafana" } });
    expect(problems.map((p) => p.key).sort()).toEqual(["llmobs:bindAddress", "llmobs:llmService[0].jobName", "llmobs:thresholds.criticalTokenRate"]);
  });

  test("a check across keys is not judged against a key that is itself bad", () => {
    const problems = problemsOf({ thresholds: { criticalTokenRate: 12, slowTokenRate: "fast" } });
    expect(problems.map((p) => p.key)).toEqual(["llmobs:thresholds.slowTokenRate"]);
  });

  test("checks across keys run beside unknown keys and a bad list entry", () => {
    const problems = problemsOf({ prots: {}, llmService: { targets: ["nowhere"], jobName: "jaeger" }, slo: { availabilityPercent: 100 } });
    expect(problems.map((p) => p.key).sort()).toEqual([
      "llmobs:llmService[0].jobName",
      "llmobs:llmService[0].targets[0]",
      "llmobs:prots",
      "llmobs:slo.availabilityPercent",
    ]);
  });
});

describe("values as `pulumi config set --path` stores them", () => {
  test("a decimal is stored as text", () => {
    const config = parseStackConfig({ values: { thresholds: { errorRatePercent: "0.5", slowRequestSeconds: "2.5" } }, secrets: {} }, STACK_FACTS);
    expect(config.thresholds.errorRatePercent).toBe(0.5);
    expect(config.thresholds.slowRequestSeconds).toBe(2.5);
  });

  test("a CPU quantity of whole cores is stored as a number", () => {
    const config = parseStackConfig({ values: { target: "kubernetes", kubernetes: { resources: { prometheus: { cpuLimit: 2, cpuRequest: 1 } } } }, secrets: {} }, STACK_FACTS);
    expect(config.kubernetes.resources.prometheus).toEqual({ cpuLimit: "2", cpuRequest: "1" });
  });

  test("a name made of digits is stored as a number", () => {
    const config = parseStackConfig({ values: { namePrefix: 2024, grafana: { folder: 2024 }, dashboards: { teams: { agents: { a: 7 } } } }, secrets: {} }, STACK_FACTS);
    expect(config.namePrefix).toBe("2024");
    expect(config.grafana.folder).toBe("2024");
    expect(config.dashboards.teams.agents).toEqual({ a: "7" });
  });

  test("text that is not a number is still refused where a number is needed", () => {
    const problem = onlyProblem({ thresholds: { errorRatePercent: "half" } });
    expect(problem.key).toBe("llmobs:thresholds.errorRatePercent");
    expect(problem.message).toContain("expected a number");
  });
});

describe("stack files", () => {
  function fileProblems(text: string): ConfigProblem[] {
    try {
      parseStackDocument(text, STACK_FACTS, "stacks/Pulumi.test.yaml");
    } catch (error) {
      if (error instanceof StackConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  test("YAML that does not parse: the file, line and column, the problem, the line itself, and nothing more", () => {
    const text = "config:\n  llmobs:target: docker\n   llmobs:namePrefix: obs\n" + "  llmobs:bindAddress: 127.0.0.1\n".repeat(20);
    const error = (() => {
      try {
        parseStackDocument(text, STACK_FACTS, "stacks/Pulumi.test.yaml");
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected a StackFileError");
    })();
    expect(error).toBeInstanceOf(StackFileError);
    expect(error.message.split("\n")[0]).toBe("stacks/Pulumi.test.yaml:3:21: bad indentation of a mapping entry");
    expect(error.message).toContain("3 |    llmobs:namePrefix: obs");
    expect(error.message).not.toContain("llmobs:bindAddress");
  });

  test("a misspelt namespace", () => {
    const [problem, ...rest] = fileProblems("config:\n  llmbos:namePrefix: obs\n");
    expect(rest).toEqual([]);
    expect(problem!.key).toBe("llmbos:namePrefix");
    expect(problem!.message).toContain("did you mean llmobs:namePrefix?");
  });

  test("one of this stack's keys under a provider's namespace", () => {
    expect(fileProblems("config:\n  docker:ports:\n    grafana: 3006\n").map((p) => p.key)).toEqual(["docker:ports"]);
  });

  test("the providers' own keys are left alone", () => {
    expect(fileProblems("config:\n  kubernetes:context: kind-llmobs\n  docker:host: unix:///var/run/docker.sock\n  llmobs:target: docker\n")).toEqual([]);
  });

  test("a config: that is a list", () => {
    const problem = fileProblems("config:\n  - llmobs:target: docker\n")[0]!;
    expect(problem.key).toBe("config");
    expect(problem.message).toContain("holds a list, so none of it is read");
  });

  test("a config: that is a string", () => {
    expect(fileProblems("config: llmobs:target=docker\n")[0]!.message).toContain('holds the string "llmobs:target=docker"');
  });

  test("a key outside config:", () => {
    const problem = fileProblems("llmobs:namePrefix: obs\nconfig:\n  llmobs:target: docker\n")[0]!;
    expect(problem.key).toBe("llmobs:namePrefix");
    expect(problem.message).toContain("belong under config:");
  });

  test("a misspelt namespace is reported together with bad values", () => {
    expect(fileProblems("config:\n  llmbos:namePrefix: obs\n  llmobs:bindAddress: my-laptop\n").map((p) => p.key)).toEqual([
      "llmbos:namePrefix",
      "llmobs:bindAddress",
    ]);
  });
});
