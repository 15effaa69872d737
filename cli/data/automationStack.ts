import { automation } from "@pulumi/pulumi";
import { CONFIG_NAMESPACE } from "../../config/schema.ts";
import { PreconditionError } from "../commandLine/run.ts";
import type { OperationOptions, OperationSummary, StackOperations, StateResource, StepEvent } from "./stackOps.ts";

function stepEvents(onStep: (event: StepEvent) => void, print: (line: string) => void) {
  return (event: automation.EngineEvent) => {
    const pre = event.resourcePreEvent?.metadata;
    if (pre && pre.op !== "same") onStep({ urn: pre.urn, type: pre.type, op: pre.op, phase: "started" });
    const done = event.resOutputsEvent?.metadata;
    if (done && done.op !== "same") onStep({ urn: done.urn, type: done.type, op: done.op, phase: "done" });
    const failed = event.resOpFailedEvent?.metadata;
    if (failed) onStep({ urn: failed.urn, type: failed.type, op: failed.op, phase: "failed" });
    const diagnostic = event.diagnosticEvent;
    if (diagnostic?.severity === "error") print(diagnostic.message.trim());
  };
}

function summaryOf(result: { summary: { resourceChanges?: Record<string, number>; startTime: Date; endTime: Date } }): OperationSummary {
  return {
    changes: result.summary.resourceChanges ?? {},
    seconds: (result.summary.endTime.getTime() - result.summary.startTime.getTime()) / 1000,
  };
}

/** The project's own stack, through Pulumi's Automation API (it drives the Pulumi CLI). */
export async function openAutomationStack(stackName: string, workDir: string, print: (line: string) => void): Promise<StackOperations> {
  let stack: automation.Stack;
  try {
    stack = await automation.LocalWorkspace.selectStack({ stackName, workDir });
  } catch (error) {
    if (error instanceof automation.StackNotFoundError || /no stack named|not found/i.test(String(error))) {
      throw new PreconditionError(
        `The stack "${stackName}" has not been created in this project's Pulumi state yet: run \`npm run up -- --stack ${stackName}\` first.`,
      );
    }
    throw error;
  }
  return {
    stackName,
    setEpoch: (component, epoch) => stack.setConfig(`${CONFIG_NAMESPACE}:dataEpochs.${component}`, { value: String(epoch) }, true),
    up: async (options: OperationOptions, onStep) =>
      summaryOf(await stack.up({ ...options, onEvent: stepEvents(onStep, print), color: "never" })),
    destroy: async (options: OperationOptions, onStep) =>
      summaryOf(await stack.destroy({ ...options, onEvent: stepEvents(onStep, print), color: "never" })),
    resources: async () => {
      const state = await stack.exportStack();
      const resources = (state.deployment?.resources ?? []) as {
        urn: string;
        type: string;
        parent?: string;
        outputs?: { name?: string; metadata?: { name?: string } };
      }[];
      return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        ...(r.parent ? { parent: r.parent } : {}),
        ...(r.outputs?.name ?? r.outputs?.metadata?.name ? { providerName: r.outputs?.name ?? r.outputs?.metadata?.name } : {}),
      })) satisfies StateResource[];
    },
  };
}
