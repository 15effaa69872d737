/**
 * npm run diff -- [--base REF] [--check] [--stack local|cluster]
 *
 * Renders every generated artifact at a base revision (default: the merge base of HEAD and main) and in
 * the working tree, and prints what changed as a Markdown summary for review: dashboards, panels, queries,
 * thresholds and units; recording and alerting rules; Prometheus, Grafana, Jaeger and Alertmanager config.
 * Exit 0 whether or not anything changed; with --check, exit 1 when something did; exit 2 for bad input or
 * when the comparison cannot be made (a revision that does not render).
 */
import { fileURLToPath } from "node:url";
import { CannotCompareError } from "./diff/cannotCompare.ts";
import { compareArtifacts, hasChanges } from "./diff/compare.ts";
import { openRepository, resolveBase, type Base } from "./diff/git.ts";
import { formatSummary } from "./diff/markdown.ts";
import { renderCommit, renderWorkingTree, stackExistsAt, stackExistsInWorkingTree, stackFile } from "./diff/renderRevision.ts";
import { runCli, UsageError } from "./commandLine/run.ts";
import { DIFF_COMMAND } from "./commandLine/commands.ts";
import { parseCommandLine, usageLine } from "./commandLine/options.ts";
const PROJECT_DIR = fileURLToPath(new URL("..", import.meta.url));

function describeBase(base: Base): string {
  return "ref" in base.origin
    ? `\`${base.shortCommit}\` (${base.origin.ref})`
    : `\`${base.shortCommit}\` (the merge base of HEAD and ${base.origin.mergeBaseWith})`;
}

function compare(argv: string[]): void {
  const { values } = parseCommandLine(DIFF_COMMAND, argv);
  const stack = String(values["stack"]);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(stack)) throw new UsageError(`--stack ${stack}: a stack name is letters, digits, '.', '_' and '-'.`);
  const repository = openRepository(PROJECT_DIR);
  const base = resolveBase(repository, values["base"] as string | undefined);
  if (!stackExistsInWorkingTree(PROJECT_DIR, stack) && !stackExistsAt(repository, base.commit, stack)) {
    throw new UsageError(`No stack "${stack}": ${stackFile(stack)} exists neither in the working tree nor at the base.`);
  }
  const baseLabel = `the base (${base.shortCommit})`;
  const before = renderCommit(repository, base.commit, stack, baseLabel);
  const after = renderWorkingTree(PROJECT_DIR, stack);
  const diff = compareArtifacts(before.artifacts, after.artifacts);
  const notes = [before.note, after.note].filter((note): note is string => note !== undefined);
  process.stdout.write(formatSummary(diff, { stack, comparison: `Base ${describeBase(base)} → the working tree.`, notes }));
  if (values["check"] === true && hasChanges(diff)) process.exitCode = 1;
}

runCli(usageLine(DIFF_COMMAND), (argv) => {
  try {
    compare(argv);
  } catch (error) {
    if (!(error instanceof CannotCompareError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
});
