import type { ComponentName } from "../../../config/components.ts";
import type { ComponentState, DataPlatform, DataVolume } from "../../../cli/data/platform.ts";
import type { OperationOptions, OperationSummary, StackOperations, StateResource, StepEvent } from "../../../cli/data/stackOps.ts";
import type { RegisteredResource } from "./program.ts";

/** The stack's state as the data command would read it, from what the program registered under mocks. */
export function stateFrom(resources: RegisteredResource[]): StateResource[] {
  return resources.map((r) => {
    const providerName = (r.inputs.name ?? r.inputs.metadata?.name) as string | undefined;
    return { urn: r.urn, type: r.type, ...(r.parent ? { parent: r.parent } : {}), ...(providerName ? { providerName } : {}) };
  });
}

/**
 * Stands in for the Automation API (no Pulumi CLI can run here): records every call the data command
 * makes, in order, and can fail an operation to test what the command does then.
 */
export class RecordingStack implements StackOperations {
  readonly calls: { call: string; options?: OperationOptions; args?: unknown[] }[] = [];
  failNext?: { call: "up" | "destroy"; message: string };

  constructor(
    readonly stackName: string,
    private readonly state: StateResource[],
  ) {}

  async setEpoch(component: string, epoch: number): Promise<void> {
    this.calls.push({ call: "setEpoch", args: [component, epoch] });
  }

  private async operate(call: "up" | "destroy", options: OperationOptions, onStep: (event: StepEvent) => void): Promise<OperationSummary> {
    this.calls.push({ call, options });
    if (this.failNext?.call === call) {
      const { message } = this.failNext;
      this.failNext = undefined;
      throw new Error(message);
    }
    onStep({ urn: `urn:pulumi:${this.stackName}::llmobs::example::thing`, type: "example", op: call === "up" ? "replace" : "delete", phase: "started" });
    onStep({ urn: `urn:pulumi:${this.stackName}::llmobs::example::thing`, type: "example", op: call === "up" ? "replace" : "delete", phase: "done" });
    return { changes: call === "up" ? { replace: 2, same: 9 } : { delete: 3 }, seconds: 4 };
  }

  up(options: OperationOptions, onStep: (event: StepEvent) => void): Promise<OperationSummary> {
    return this.operate("up", options, onStep);
  }

  destroy(options: OperationOptions, onStep: (event: StepEvent) => void): Promise<OperationSummary> {
    return this.operate("destroy", options, onStep);
  }

  async resources(): Promise<StateResource[]> {
    this.calls.push({ call: "resources" });
    return this.state;
  }
}

/** A target's data side with volumes held in memory; records deletions. */
export class FakePlatform implements DataPlatform {
  readonly deleted: string[] = [];

  constructor(
    readonly where: string,
    readonly volumeKind: string,
    private readonly held: Partial<Record<ComponentName, DataVolume[]>>,
    private readonly states: ComponentState[] = [],
  ) {}

  async volumes(component: ComponentName): Promise<DataVolume[]> {
    return (this.held[component] ?? []).filter((v) => !this.deleted.includes(v.name));
  }

  async deleteVolume(volume: DataVolume): Promise<void> {
    this.deleted.push(volume.name);
  }

  async status(): Promise<ComponentState[]> {
    return this.states;
  }
}
