import * as pulumi from "@pulumi/pulumi";
import { expect } from "vitest";

/** The secret marker Pulumi puts around secret values on the wire. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface RegisteredResource {
  /** The URN the engine gives it (the mock monitor computes it the same way). */
  urn: string;
  type: string;
  name: string;
  parent: string;
  /** Inputs as the provider would receive them, secrets unwrapped. */
  inputs: Record<string, any>;
  /** Inputs as sent to the engine: secret values are still wrapped in Pulumi's secret marker. */
  wireInputs: Record<string, unknown>;
  options: {
    retainOnDelete: boolean | undefined;
    deleteBeforeReplace: boolean;
    replaceWith: string[];
    replacementTrigger: unknown;
    dependencies: string[];
    /** The explicit provider reference ("<urn>::<id>"), or "" for the default provider. */
    provider: string;
    /** How long the engine lets the provider take, e.g. { create: "20m" }; unset ones are "". */
    customTimeouts: { create: string; update: string; delete: string };
  };
}

/** An existing object the program looks up (`Resource.get`), by type, name and the ID it asks for. */
export interface ReadResource {
  type: string;
  name: string;
  id: string;
  provider: string;
}

export interface ProgramRun {
  resources: RegisteredResource[];
  /** Objects read from the cluster or cloud rather than created. */
  reads: ReadResource[];
  outputs: Record<string, unknown>;
  /** Names of the stack outputs that are secrets. */
  secretOutputs: string[];
  ofType(type: string): RegisteredResource[];
  named(type: string, name: string): RegisteredResource;
}

/** The program threw; `resources` holds what it registered before that. */
export class ProgramFailed extends Error {
  constructor(
    readonly reason: unknown,
    readonly resources: RegisteredResource[],
    readonly reads: ReadResource[] = [],
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** Unwraps Pulumi's wire secrets, for comparing plain values. */
export function unwrapSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIG_KEY] === SECRET_SIG) return unwrapSecrets(record["value"]);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** Every plain (non-secret) string in a wire value: where a leaked secret would show. */
export function plainStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(plainStrings);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SECRET_SIG_KEY] === SECRET_SIG) return [];
    return Object.values(record).flatMap(plainStrings);
  }
  return [];
}

function outputValue(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) return new Promise((resolve) => (value as pulumi.Output<unknown>).apply(resolve));
  return Promise.resolve(value);
}

/**
 * Runs the Pulumi program at `entry` (its path from the project root, e.g. program/index.ts; a query such as
 * ?cluster gives a fresh instance of the module) under Pulumi's mocks, the way Pulumi documents unit testing:
 * mocks and config are set first, then the program is imported. Records every registered resource with
 * its inputs and the resource options the engine received, and resolves the stack outputs.
 * One run per test file: the Pulumi runtime is process-global.
 */
export async function runProgram(
  entry: string,
  config: Record<string, unknown>,
  { stack = "local", secretKeys = [] as string[] } = {},
): Promise<ProgramRun> {
  const resources: RegisteredResource[] = [];
  const reads: ReadResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, ...computedState(args) } }),
      call: () => ({}),
    },
    "llmobs",
    stack,
    false,
  );
  const monitor = (pulumi.runtime as unknown as { getMonitor(): any }).getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: any, callback: any) => {
    const wireInputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    resources.push({
      urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
      type: request.getType(),
      name: request.getName(),
      parent: request.getParent(),
      inputs: unwrapSecrets(wireInputs) as Record<string, any>,
      wireInputs,
      options: {
        retainOnDelete: request.getRetainondelete(),
        deleteBeforeReplace: request.getDeletebeforereplace(),
        replaceWith: request.getReplaceWithList(),
        replacementTrigger: request.getReplacementTrigger()?.toJavaScript(),
        dependencies: request.getDependenciesList(),
        provider: request.getProvider(),
        customTimeouts: {
          create: request.getCustomtimeouts()?.getCreate() ?? "",
          update: request.getCustomtimeouts()?.getUpdate() ?? "",
          delete: request.getCustomtimeouts()?.getDelete() ?? "",
        },
      },
    });
    return register(request, callback);
  };
  const read = monitor.readResource.bind(monitor);
  monitor.readResource = (request: any, callback: any) => {
    reads.push({ type: request.getType(), name: request.getName(), id: request.getId(), provider: request.getProvider() });
    return read(request, callback);
  };
  const fullConfig = Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
  pulumi.runtime.setAllConfig(fullConfig, secretKeys);

  let program: Record<string, unknown>;
  try {
    program = (await import(new URL(`../../../${entry}`, import.meta.url).href)) as Record<string, unknown>;
  } catch (error) {
    await (pulumi.runtime as unknown as { disconnect(): Promise<void> }).disconnect();
    throw new ProgramFailed(error, resources, reads);
  }
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  // As Pulumi takes them: a default export instead of the named ones, a function's result instead of the function.
  const exported = "default" in program ? program["default"] : program;
  const stackOutputs = (typeof exported === "function" ? await (exported as () => unknown)() : exported) as Record<string, unknown>;
  for (const [name, value] of Object.entries(stackOutputs)) {
    outputs[name] = await outputValue(value);
    if (pulumi.Output.isInstance(value) && (await pulumi.isSecret(value as pulumi.Output<unknown>))) secretOutputs.push(name);
  }
  await (pulumi.runtime as unknown as { disconnect(): Promise<void> }).disconnect();

  return {
    resources,
    reads,
    outputs,
    secretOutputs,
    ofType: (type) => resources.filter((resource) => resource.type === type),
    named: (type, name) => {
      const found = resources.find((resource) => resource.type === type && resource.name === name);
      if (!found) throw new Error(`no ${type} named ${name}; registered: ${resources.map((r) => `${r.type}/${r.name}`).join(", ")}`);
      return found;
    },
  };
}

/** Outputs a real provider computes, which the program reads back. */
function computedState(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  switch (args.type) {
    case "docker:index/remoteImage:RemoteImage":
      return { imageId: `sha256:${args.name}`, repoDigest: `${args.inputs.name}@sha256:0` };
    case "random:index/randomPassword:RandomPassword":
      return { result: "generated-password-for-tests" };
    default:
      return {};
  }
}

/**
 * Runs the program with a config it must refuse, asserts it stopped with Pulumi's RunError before
 * registering any resource, and returns the error's message for the test to read.
 */
export async function refusedConfigMessage(...args: Parameters<typeof runProgram>): Promise<string> {
  const failure = await runProgram(...args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(ProgramFailed);
  const { reason, resources } = failure as ProgramFailed;
  expect(reason).toBeInstanceOf(pulumi.RunError);
  expect(resources).toEqual([]);
  return (reason as Error).message;
}
