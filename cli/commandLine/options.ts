import { parseArgs } from "node:util";
import { HelpRequested, UsageError } from "./run.ts";

/** One option a command owns; the parser and --help are both made from it. */
export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  /** How the value is written in the usage line: DIR, REF. */
  value?: string;
  short?: string;
  default?: string | boolean;
  required?: boolean;
}

export interface PositionalSpec {
  /** How it is written in the usage line: "component". */
  name: string;
  description: string;
  choices: { name: string; description?: string }[];
}

export interface CommandSpec {
  /** The npm script: "render" -> `npm run render -- ...`. */
  name: string;
  /** What the command does, one or two sentences. */
  summary: string;
  options: Record<string, OptionSpec>;
  positionals?: PositionalSpec[];
  /** Options the command does not own go to this program (`up` hands them to `pulumi up`). */
  passThrough?: string;
}

export interface CommandLine {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  /** Options and arguments for the pass-through program, in order. */
  passed: string[];
}

const HELP: OptionSpec = { type: "boolean", short: "h", description: "print this help and exit" };

function optionUsage(name: string, option: OptionSpec): string {
  const flag = option.type === "string" ? `--${name} ${option.value ?? "VALUE"}` : `--${name}`;
  return option.required ? flag : `[${flag}]`;
}

export function usageLine(spec: CommandSpec): string {
  const positionals = (spec.positionals ?? []).map((p) => `<${p.choices.map((c) => c.name).join("|")}>`);
  const options = Object.entries(spec.options).map(([name, option]) => optionUsage(name, option));
  const passed = spec.passThrough ? [`[<${spec.passThrough} options>]`] : [];
  return `usage: npm run ${spec.name} -- ${[...positionals, ...options, ...passed].join(" ")}`;
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`.trimEnd());
}

export function helpText(spec: CommandSpec): string {
  const lines = [usageLine(spec), "", spec.summary];
  for (const positional of spec.positionals ?? []) {
    lines.push("", `${positional.name}: ${positional.description}`, ...table(positional.choices.map((c) => [c.name, c.description ?? ""])));
  }
  const options = { ...spec.options, help: HELP };
  const rows = Object.entries(options).map(([name, option]): [string, string] => {
    const flag = `${option.short ? `-${option.short}, ` : ""}--${name}${option.type === "string" ? ` ${option.value ?? "VALUE"}` : ""}`;
    const notes = [option.required ? "required" : undefined, option.default !== undefined && option.default !== false ? `default: ${String(option.default)}` : undefined];
    const note = notes.filter(Boolean).join("; ");
    return [flag, `${option.description}${note ? ` (${note})` : ""}`];
  });
  lines.push("", "options:", ...table(rows));
  if (spec.passThrough) lines.push("", `Every other option goes to \`${spec.passThrough}\` (see \`${spec.passThrough} --help\`).`);
  return lines.join("\n");
}

function wantsHelp(argv: readonly string[]): boolean {
  const own = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  return own.includes("--help") || own.includes("-h");
}

/** Splits out the options the command owns; everything else is for the pass-through program. */
function splitPassThrough(spec: CommandSpec, argv: readonly string[]): CommandLine {
  const values: CommandLine["values"] = {};
  const passed: string[] = [];
  const byFlag = new Map<string, [string, OptionSpec]>();
  for (const [name, option] of Object.entries(spec.options)) {
    byFlag.set(`--${name}`, [name, option]);
    if (option.short) byFlag.set(`-${option.short}`, [name, option]);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const owned = byFlag.get(flag);
    if (!owned) {
      passed.push(arg);
      continue;
    }
    const [name, option] = owned;
    if (option.type === "boolean") {
      values[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("-")) throw new UsageError(`${flag} needs a ${name} ${(option.value ?? "value").toLowerCase()}`);
    values[name] = value;
  }
  return { values, positionals: [], passed };
}

/**
 * Parses a command line against its spec: `--help` prints the help made from the same spec; unknown
 * options are usage errors, or, for a command with a pass-through program, that program's.
 */
export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): CommandLine {
  if (wantsHelp(argv)) throw new HelpRequested(helpText(spec));
  const parsed: CommandLine = spec.passThrough
    ? splitPassThrough(spec, argv)
    : (() => {
        const { values, positionals } = parseArgs({
          args: [...argv],
          options: Object.fromEntries(
            Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
          ),
          allowPositionals: (spec.positionals ?? []).length > 0,
          strict: true,
        });
        return { values: { ...values } as CommandLine["values"], positionals, passed: [] };
      })();
  for (const [name, option] of Object.entries(spec.options)) {
    if (parsed.values[name] === undefined && option.default !== undefined) parsed.values[name] = option.default;
    if (parsed.values[name] === undefined && option.required) throw new UsageError(`--${name} ${option.value ?? "VALUE"} is required`);
  }
  return parsed;
}

/** The --stack option every command that reads a stack file takes. */
export const STACK_OPTION: OptionSpec = {
  type: "string",
  value: "NAME",
  default: "local",
  description: "the stack: local (Docker) or cluster (Kubernetes), i.e. stacks/Pulumi.<NAME>.yaml",
};
