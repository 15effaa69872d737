import type { ComponentName } from "../../config/components.ts";
import type { StackDescription } from "../../components/types.ts";
import type { StackConfig } from "../../config/schema.ts";
import { PreconditionError } from "../commandLine/run.ts";
import { formatChecks, type Check } from "../preflight/checks.ts";
import type { DataRequest } from "./args.ts";
import { formatPlan, planClean, planReset, type DataPlan } from "./plan.ts";
import { formatBytes, type DataPlatform, type DataVolume } from "./platform.ts";
import { formatSummary, ProgressView } from "./progress.ts";
import type { StackOperations } from "./stackOps.ts";
import { componentPatterns, otherComponentsPatterns } from "./urns.ts";

export interface DataDependencies {
  config: StackConfig;
  stack: StackDescription;
  stackName: string;
  platform: DataPlatform;
  /** Where each published endpoint is reached, keyed "<component>.<port>". */
  urls: Record<string, string>;
  /** Checks what the verb needs (the Pulumi CLI, the target's engine, the passphrase); throws before anything changes. */
  preflight(): Promise<void>;
  /** `npm run verify`'s checks of these components, against what runs. */
  verify(components: ComponentName[]): Promise<Check[]>;
  openStack(): Promise<StackOperations>;
  confirm(question: string): Promise<boolean>;
  print(line: string): void;
  progress(): ProgressView;
  /** The project's data under another name prefix, namespace or target, which this stack does not use (status shows it). */
  strayData?(): Promise<Check[]>;
}

/** A data operation stopped part-way; the message says what was done and what to run to finish. */
export class PartialFailure extends PreconditionError {}

export async function runData(request: DataRequest, deps: DataDependencies): Promise<void> {
  await deps.preflight();
  if (request.verb === "status") return status(request, deps);
  const ops = await deps.openStack();
  if (request.verb === "start") return start(request, deps, ops);
  const config = structuredClone(deps.config);
  for (const [index, component] of request.components.entries()) {
    const untouched = request.components.slice(index + 1);
    try {
      if (request.verb === "reset") await reset(component, request, { ...deps, config }, ops);
      else await clean(component, request, { ...deps, config }, ops);
    } catch (error) {
      if (error instanceof PartialFailure && untouched.length > 0) {
        throw new PartialFailure(`${error.message}\nNot started: ${untouched.join(", ")}; their data is untouched.`);
      }
      throw error;
    }
  }
}

async function start(request: DataRequest, deps: DataDependencies, ops: StackOperations): Promise<void> {
  // Every other component is excluded, so only these and what they need are brought up.
  const exclude = otherComponentsPatterns(deps.stackName, deps.config, request.components);
  deps.print(`start ${request.components.join(", ")} (stack ${deps.stackName}, ${deps.platform.where}):`);
  const summary = await ops.up(exclude.length ? { exclude } : {}, deps.progress().onStep);
  deps.print(`done: ${formatSummary(summary.changes, summary.seconds)}`);
}

function keepsData(component: ComponentName, deps: DataDependencies): boolean {
  return deps.stack.components.some((c) => c.name === component && c.data);
}

async function deleteVolumes(plan: DataPlan, deps: DataDependencies, finish: string): Promise<void> {
  let removed = 0;
  for (const volume of plan.volumes) {
    try {
      await deps.platform.deleteVolume(volume);
    } catch (error) {
      throw new PartialFailure(
        `${plan.component}: could not delete ${deps.platform.volumeKind} ${volume.name}: ${(error as Error).message}\n${finish}`,
      );
    }
    removed += volume.bytes ?? 0;
    deps.print(`  deleted ${deps.platform.volumeKind} ${volume.name} (${formatBytes(volume.bytes)})`);
  }
  if (plan.volumes.length > 0) deps.print(`${plan.component}: ${formatBytes(removed)} of data removed.`);
}

function removeCommands(volumes: DataVolume[], deps: DataDependencies): string {
  if (deps.config.target === "docker") return volumes.map((v) => `docker volume rm ${v.name}`).join("; ");
  const { namespace, context } = deps.config.kubernetes;
  return volumes.map((v) => `kubectl ${context ? `--context ${context} ` : ""}--namespace ${namespace} delete pvc ${v.name}`).join("; ");
}

async function reset(component: ComponentName, request: DataRequest, deps: DataDependencies, ops: StackOperations): Promise<void> {
  if (!keepsData(component, deps)) {
    deps.print(`reset ${component}: it keeps no data; nothing to reset.`);
    return;
  }
  const volumes = await deps.platform.volumes(component);
  const plan = planReset(component, deps.config, deps.stackName, await ops.resources(), volumes);
  deps.print(formatPlan(plan, deps.platform, deps.stackName));
  if (request.plan) return;
  if (!(await deps.confirm(`Delete all data of ${component} and start it again on an empty volume?`))) {
    deps.print(`${component}: nothing was changed.`);
    return;
  }
  const epoch = plan.epoch!;
  const retry = `npm run data -- start ${component} --stack ${deps.stackName}`;
  try {
    await ops.setEpoch(component, epoch.to);
    deps.config.dataEpochs[component] = epoch.to;
    const summary = await ops.up({ exclude: otherComponentsPatterns(deps.stackName, deps.config, [component]) }, deps.progress().onStep);
    deps.print(`${component} started on ${epoch.newVolume}: ${formatSummary(summary.changes, summary.seconds)}`);
  } catch (error) {
    throw new PartialFailure(
      `reset ${component} stopped part-way: ${(error as Error).message}\n` +
        `The stack now points ${component} at the new, empty ${deps.platform.volumeKind} ${epoch.newVolume} (llmobs:dataEpochs.${component} = ${epoch.to}); ` +
        `the old data is still there.\nFix the problem above, then run \`${retry}\`; ` +
        (volumes.length ? `once ${component} runs, delete the old data with \`${removeCommands(volumes, deps)}\`.` : ""),
    );
  }
  await deleteVolumes(plan, deps, `Delete what is left with \`${removeCommands(volumes, deps)}\`.`);
}

async function clean(component: ComponentName, request: DataRequest, deps: DataDependencies, ops: StackOperations): Promise<void> {
  const volumes = await deps.platform.volumes(component);
  const plan = planClean(component, deps.config, deps.stackName, await ops.resources(), volumes);
  deps.print(formatPlan(plan, deps.platform, deps.stackName));
  if (request.plan || (plan.resources.length === 0 && volumes.length === 0)) return;
  if (!(await deps.confirm(`Remove ${component} and delete all its data?`))) {
    deps.print(`${component}: nothing was changed.`);
    return;
  }
  if (plan.resources.length > 0) {
    try {
      const summary = await ops.destroy(
        { target: componentPatterns(deps.stackName, deps.config, component), targetDependents: true },
        deps.progress().onStep,
      );
      deps.print(`${component} removed: ${formatSummary(summary.changes, summary.seconds)}`);
    } catch (error) {
      throw new PartialFailure(
        `clean ${component} stopped part-way: ${(error as Error).message}\nIts data is untouched. Fix the problem above and run ` +
          `\`npm run data -- clean ${component} --stack ${deps.stackName}\` again.`,
      );
    }
  }
  await deleteVolumes(plan, deps, `Delete what is left with \`${removeCommands(volumes, deps)}\`.`);
}

async function status(request: DataRequest, deps: DataDependencies): Promise<void> {
  const states = await deps.platform.status();
  deps.print(`status of stack ${deps.stackName} (${deps.platform.where}):`);
  deps.print(`  ${"component".padEnd(14)}${"state".padEnd(10)}${"health".padEnd(10)}${"data".padEnd(14)}url`);
  for (const component of request.components) {
    const state = states.find((s) => s.component === component);
    // Replicas each have a volume of the current epoch: together they are the component's data.
    const current = keepsData(component, deps)
      ? (await deps.platform.volumes(component)).filter((v) => v.epoch === deps.config.dataEpochs[component])
      : [];
    const bytes = current.every((v) => v.bytes !== undefined) ? current.reduce((sum, v) => sum + v.bytes!, 0) : undefined;
    const data = keepsData(component, deps) ? (current.length > 0 ? formatBytes(bytes) : "none yet") : "-";
    const url = Object.entries(deps.urls).find(([key]) => key.startsWith(`${component}.`))?.[1] ?? "-";
    const running = state ? (state.label ?? (state.running ? "running" : "stopped")) : "absent";
    const health = state ? (state.healthy ? "healthy" : state.running ? "unhealthy" : "-") : "-";
    deps.print(`  ${component.padEnd(14)}${running.padEnd(10)}${health.padEnd(10)}${data.padEnd(14)}${url}`);
  }
  const stray = (await deps.strayData?.()) ?? [];
  if (stray.length > 0) deps.print(`data of this project that stack ${deps.stackName} does not use:\n${formatChecks(stray)}`);
  const checks = await deps.verify(request.components);
  if (checks.length === 0) return;
  deps.print("checks (as npm run verify):");
  deps.print(formatChecks(checks));
  const failed = checks.filter((check) => !check.ok && !check.warning).length;
  if (failed > 0) throw new PreconditionError(`${failed} check${failed === 1 ? "" : "s"} failed: see the lines marked FAIL.`);
}
