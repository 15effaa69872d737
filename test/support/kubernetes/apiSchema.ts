import { createRequire } from "node:module";
import { join } from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "../cli/runScript.ts";

/**
 * Offline validation of Kubernetes manifests against the API schema, as `kubectl apply --validate=strict`
 * would do it: the kubernetes-models validators check types, enums and required fields, and every field
 * name is checked against the same models' generated type definitions, so a misspelt field (which the
 * JSON-schema validators let through) is an error too.
 */

const require = createRequire(import.meta.url);

export interface Manifest {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

type ModelClass = new (data: unknown) => { validate(): void };

function modulePath(manifest: Manifest): string {
  return `kubernetes-models/${manifest.apiVersion}/${manifest.kind}`;
}

function modelOf(manifest: Manifest): ModelClass {
  const module = require(modulePath(manifest)) as Record<string, ModelClass | undefined>;
  const model = module[manifest.kind];
  if (!model) throw new Error(`kubernetes-models has no ${manifest.apiVersion} ${manifest.kind}`);
  return model;
}

/** One type checker over the models' type definitions, with a virtual file naming each kind asked for. */
class ModelTypes {
  private readonly kinds: string[];
  private readonly checker: ts.TypeChecker;
  private readonly exported: Map<string, ts.Type>;

  constructor(manifests: Manifest[]) {
    this.kinds = [...new Set(manifests.map(modulePath))];
    const fileName = join(REPO_ROOT, "__kubernetes_manifest_types__.ts");
    const source = this.kinds
      .map((path, i) => `import type * as M${i} from ${JSON.stringify(path)};\nexport type T${i} = M${i}.I${path.split("/").at(-1)};`)
      .join("\n");
    const options: ts.CompilerOptions = {
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, languageVersion, ...rest) =>
      name === fileName ? ts.createSourceFile(name, source, languageVersion) : getSourceFile(name, languageVersion, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => name === fileName || fileExists(name);
    const program = ts.createProgram({ rootNames: [fileName], options, host });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    if (problems.length > 0) throw new Error(`cannot load the Kubernetes model types:\n${problems.join("\n")}`);
    this.checker = program.getTypeChecker();
    const file = program.getSourceFile(fileName)!;
    this.exported = new Map(
      this.checker
        .getExportsOfModule(this.checker.getSymbolAtLocation(file)!)
        .map((symbol) => [symbol.name, this.checker.getDeclaredTypeOfSymbol(symbol)]),
    );
  }

  typeOf(manifest: Manifest): ts.Type {
    return this.exported.get(`T${this.kinds.indexOf(modulePath(manifest))}`)!;
  }

  /** Fields of `value` that its type does not declare, each with its path. */
  unknownFields(value: unknown, type: ts.Type, path: string, found: string[] = []): string[] {
    if (value === null || typeof value !== "object") return found;
    const checker = this.checker;
    const definite = checker.getNonNullableType(type);
    const objectTypes = definite.isUnion() ? definite.types.filter((t) => t.flags & ts.TypeFlags.Object) : [definite];
    if (objectTypes.length !== 1) return found;
    const objectType = objectTypes[0]!;
    if (Array.isArray(value)) {
      const element = checker.getIndexTypeOfType(objectType, ts.IndexKind.Number);
      if (element) value.forEach((item, i) => this.unknownFields(item, element, `${path}[${i}]`, found));
      return found;
    }
    const mapValue = checker.getIndexTypeOfType(objectType, ts.IndexKind.String);
    for (const [key, child] of Object.entries(value)) {
      const property = checker.getPropertyOfType(objectType, key);
      const childPath = path === "" ? key : `${path}.${key}`;
      if (property) this.unknownFields(child, checker.getTypeOfSymbol(property), childPath, found);
      else if (mapValue) this.unknownFields(child, mapValue, childPath, found);
      else found.push(`${childPath}: unknown field "${key}" (${checker.typeToString(objectType).replace(/^I/, "")} has no such field)`);
    }
    return found;
  }
}

/** Every schema problem of every manifest, as "<kind>/<name>: <problem>" lines; empty when all are valid. */
export function validateManifests(manifests: Manifest[]): string[] {
  const types = new ModelTypes(manifests);
  const problems: string[] = [];
  for (const manifest of manifests) {
    const label = `${manifest.kind}/${(manifest.metadata as { name?: string } | undefined)?.name ?? "?"}`;
    try {
      new (modelOf(manifest))(manifest).validate();
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
    for (const problem of types.unknownFields(manifest, types.typeOf(manifest), "")) problems.push(`${label}: ${problem}`);
  }
  return problems;
}

/** The manifest a registered Pulumi Kubernetes resource sends: its inputs, from apiVersion and kind on. */
export function manifestOf(inputs: Record<string, unknown>): Manifest {
  const { apiVersion, kind } = inputs as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== "string" || typeof kind !== "string") throw new Error("not a Kubernetes object: no apiVersion/kind");
  return inputs as Manifest;
}
