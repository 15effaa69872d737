import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { dump, load } from "js-yaml";
import { parseStackDocument } from "../../config/fromStackFile.ts";
import { namedInSummary } from "../support/cli/diffSummary.ts";
import { ProjectCopy, ProjectRepository } from "../support/cli/projectCopy.ts";
import { STACK_FACTS } from "../../components/factsForConfig.ts";

/*
 * npm run diff against real git history: a repository made from this project, with one commit per kind of
 * change on a feature branch. Each commit is compared with its parent by the diff script of that commit.
 */

const PANEL_QUERY_ANCHOR = `rate("node_cpu_seconds_total", 'mode="idle"')`;
const RULE_FILES_ANCHOR = `{ name: "stack-health.yml", groups: [stackHealthRules(config)] },`;
const NEW_RULE_FILE = `
    {
      name: "diff-test.yml",
      groups: [
        {
          name: "diff-test",
          rules: [
            {
              alert: "DiffTestAlert",
              expr: "vector(1) > 0",
              for: "10m",
              labels: { severity: "info" },
              annotations: { summary: "A test alert", description: "Added by the diff test.", runbook_url: "README.md#difftestalert" },
            },
          ],
        },
      ],
    },`;

let repo: ProjectRepository;
const commits: Record<"base" | "panelQuery" | "threshold" | "newRule" | "readme", string> = {
  base: "",
  panelQuery: "",
  threshold: "",
  newRule: "",
  readme: "",
};
let oldMemoryPercent = 0;
let newMemoryPercent = 0;

function diffAt(commit: string, args: string[]) {
  repo.git("checkout", "--quiet", "--detach", commit);
  return repo.runScript("diff.ts", args);
}

beforeAll(() => {
  repo = new ProjectRepository();
  commits.base = repo.git("rev-parse", "HEAD");
  repo.git("checkout", "--quiet", "-b", "feature");

  repo.replace("dashboards/common/hostQueries.ts", PANEL_QUERY_ANCHOR, `rate("node_cpu_seconds_total", 'mode=~"idle|iowait"')`);
  commits.panelQuery = repo.commitAll("CPU Usage counts iowait as idle");

  const stackFile = "stacks/Pulumi.local.yaml";
  oldMemoryPercent = parseStackDocument(repo.read(stackFile), STACK_FACTS).thresholds.hostMemoryPercent;
  newMemoryPercent = oldMemoryPercent - 5;
  const document = load(repo.read(stackFile)) as { config: Record<string, unknown> };
  const thresholds = (document.config["llmobs:thresholds"] ?? {}) as Record<string, unknown>;
  document.config["llmobs:thresholds"] = { ...thresholds, hostMemoryPercent: newMemoryPercent };
  repo.write(stackFile, dump(document));
  commits.threshold = repo.commitAll("Alert on host memory earlier");

  repo.replace("rules/ruleFiles.ts", RULE_FILES_ANCHOR, `${RULE_FILES_ANCHOR}${NEW_RULE_FILE}`);
  commits.newRule = repo.commitAll("A new alert");

  repo.write("README.md", `${repo.read("README.md")}\nA line that changes no generated file.\n`);
  commits.readme = repo.commitAll("Docs only");
}, 120_000);

afterAll(() => repo?.remove());

describe("npm run diff on real history, each commit against its parent", () => {
  test("a changed panel query: the dashboard and panel, old and new PromQL", () => {
    const result = diffAt(commits.panelQuery, ["--base", "HEAD~1", "--check"]);
    expect(result.status, result.stderr).toBe(1);
    // The Host dashboard and the LLM Proxy dashboard's host row share the expression.
    expect(namedInSummary(result.stdout)).toEqual(["Host", "CPU Usage", "LLM Proxy", "Host CPU"]);
    expect(result.stdout).toContain(`query \`A\` changed:`);
    expect(result.stdout).toMatch(/^\s*- 1 - avg by \(instance\) \(rate\(node_cpu_seconds_total\{instance=~"\$instance", mode="idle"\}/m);
    expect(result.stdout).toMatch(/^\s*\+ 1 - avg by \(instance\) \(rate\(node_cpu_seconds_total\{instance=~"\$instance", mode=~"idle\|iowait"\}/m);
  });

  test("a moved alert threshold: the alert with its old and new number, and the panels that draw it", () => {
    const result = diffAt(commits.threshold, ["--base", "HEAD~1"]);
    expect(result.status, result.stderr).toBe(0);
    expect(namedInSummary(result.stdout)).toEqual(["Host", "Memory Usage", "LLM Proxy", "Host Memory", "HostMemoryHigh"]);
    expect(result.stdout).toContain(`threshold: \`> ${oldMemoryPercent}\` → \`> ${newMemoryPercent}\``);
    expect(result.stdout).toContain(`yellow from ${oldMemoryPercent / 100},`);
    expect(result.stdout).toContain(`yellow from ${newMemoryPercent / 100},`);
  });

  test("an added rule: its name, severity, for and expression, nothing else", () => {
    const result = diffAt(commits.newRule, ["--base", "HEAD~1", "--check"]);
    expect(result.status, result.stderr).toBe(1);
    expect(namedInSummary(result.stdout)).toEqual(["DiffTestAlert"]);
    expect(result.stdout).toContain("Alert **DiffTestAlert** added (group `diff-test` in `prometheus/rules/diff-test.yml`, severity `info`, for `10m`):");
    expect(result.stdout).toContain("vector(1) > 0");
  });

  test("a commit that changes no generated file: no changes, and --check passes", () => {
    const result = diffAt(commits.readme, ["--base", "HEAD~1", "--check"]);
    expect(result.status, result.stderr).toBe(0);
    expect(namedInSummary(result.stdout)).toEqual([]);
    expect(result.stdout).toContain("No generated artifact changes");
  });

  test("by default, the whole branch against its merge base with main", () => {
    const result = diffAt(commits.readme, []);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`(the merge base of HEAD and main)`);
    expect(result.stdout).toContain(`\`${commits.base.slice(0, 7)}`);
    expect(namedInSummary(result.stdout).sort()).toEqual(["CPU Usage", "DiffTestAlert", "Host", "Host CPU", "Host Memory", "HostMemoryHigh", "LLM Proxy", "Memory Usage"]);
  });

  test("without a local main, the merge base with origin/main", () => {
    repo.git("update-ref", "refs/remotes/origin/main", commits.panelQuery);
    repo.git("branch", "--quiet", "-m", "main", "old-main");
    try {
      const result = diffAt(commits.newRule, []);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain("(the merge base of HEAD and origin/main)");
      expect(namedInSummary(result.stdout).sort()).toEqual(["DiffTestAlert", "Host", "Host Memory", "HostMemoryHigh", "LLM Proxy", "Memory Usage"]);
    } finally {
      repo.git("branch", "--quiet", "-m", "old-main", "main");
      repo.git("update-ref", "-d", "refs/remotes/origin/main");
    }
  });

  test("uncommitted edits count, and the working tree, the index and the repository are left as they were", () => {
    repo.git("checkout", "--quiet", "feature");
    repo.replace("dashboards/host.ts", `title: "Disk I/O"`, `title: "Disk Throughput"`);
    repo.git("add", "dashboards/host.ts");
    repo.write("README.md", `${repo.read("README.md")}\nUnstaged.\n`);
    const state = () => [
      repo.git("status", "--porcelain=v1", "--untracked-files=all"),
      repo.git("ls-files", "--stage"),
      repo.git("worktree", "list", "--porcelain"),
      repo.git("for-each-ref"),
      repo.git("stash", "list"),
    ];
    const before = state();
    const result = repo.runScript("diff.ts", ["--base", "HEAD"]);
    expect(result.status, result.stderr).toBe(0);
    expect(namedInSummary(result.stdout)).toEqual(["Host", "Disk Throughput"]);
    expect(result.stdout).toContain("renamed from “Disk I/O”");
    expect(state()).toEqual(before);
    repo.git("reset", "--quiet", "--hard");
  });
});

test("a base from before the render command: every artifact is new, and the summary says why", () => {
  const emptyTree = repo.git("hash-object", "-t", "tree", "/dev/null");
  const before = repo.git("commit-tree", emptyTree, "-m", "Before anything");
  const result = repo.runScript("diff.ts", ["--base", before, "--check"]);
  expect(result.status, result.stderr).toBe(1);
  expect(result.stdout).toContain(`> The base (${before.slice(0, 7)}) has no cli/render.ts: it is taken to generate nothing.`);
  expect(result.stdout).toContain("Dashboard **Host** added");
  expect(result.stdout).toContain("Alert **HostMemoryHigh** added");
  expect(result.stdout).toContain("Prometheus **`prometheus/prometheus.yml`** added");
});

test("a base from before the commands moved to cli/: rendered with its own scripts/render.ts, so nothing changed", () => {
  repo.git("checkout", "--quiet", "--detach", commits.base);
  repo.git("mv", "cli", "scripts");
  const earlier = repo.commitAll("The commands in scripts/, where they were before cli/");
  repo.git("checkout", "--quiet", "--detach", commits.base);
  const result = repo.runScript("diff.ts", ["--base", earlier, "--check"]);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toContain("No generated artifact changes");
});

describe("npm run diff: bad input, exit 2", () => {
  test("a working tree that does not render: what is wrong, and no summary", () => {
    repo.git("checkout", "--quiet", "feature");
    repo.replace("stacks/Pulumi.local.yaml", "llmobs:target: docker", "llmobs:target: docker\n  llmobs:ports:\n    nodeExporter: 0");
    try {
      const result = repo.runScript("diff.ts", ["--base", "HEAD"]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Could not render stack "local" at the working tree');
      expect(result.stderr).toContain("llmobs:ports.nodeExporter");
      expect(result.stdout).toBe("");
    } finally {
      repo.git("checkout", "--quiet", "--", "stacks/Pulumi.local.yaml");
    }
  });

  test("an unknown ref", () => {
    const result = repo.runScript("diff.ts", ["--base", "no-such-branch"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--base no-such-branch: no such commit, branch or tag");
    expect(result.stderr).toContain("usage: npm run diff");
  });

  test("an unknown flag", () => {
    const result = repo.runScript("diff.ts", ["--bsae", "main"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: npm run diff");
  });

  test("an unknown stack", () => {
    const result = repo.runScript("diff.ts", ["--base", "HEAD", "--stack", "staging"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No stack "staging": stacks/Pulumi.staging.yaml exists neither in the working tree nor at the base');
  });

  test("not a git repository", () => {
    const copy = new ProjectCopy();
    try {
      const result = copy.runScript("diff.ts", []);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("is not in a git repository");
    } finally {
      copy.remove();
    }
  });
});
