/** What the data command needs from a Pulumi stack, and the Automation API behind it. */

export interface StateResource {
  urn: string;
  type: string;
  parent?: string;
  /** The object's name as the provider knows it (volume, container, claim), where it has one. */
  providerName?: string;
}

export interface StepEvent {
  urn: string;
  type: string;
  /** Pulumi's operation: create, update, replace, delete, same, ... */
  op: string;
  phase: "started" | "done" | "failed";
}

export interface OperationOptions {
  target?: string[];
  targetDependents?: boolean;
  exclude?: string[];
}

export interface OperationSummary {
  /** Counts per operation, e.g. { replace: 2, same: 5 }. */
  changes: Record<string, number>;
  seconds: number;
}

export interface StackOperations {
  readonly stackName: string;
  /** Sets llmobs:dataEpochs.<component> in the stack's config. */
  setEpoch(component: string, epoch: number): Promise<void>;
  up(options: OperationOptions, onStep: (event: StepEvent) => void): Promise<OperationSummary>;
  destroy(options: OperationOptions, onStep: (event: StepEvent) => void): Promise<OperationSummary>;
  resources(): Promise<StateResource[]>;
}
