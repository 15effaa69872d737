import { COMPONENT_NAMES, isComponentName, type ComponentName } from "../../config/components.ts";
import { UsageError } from "../commandLine/run.ts";
import { DATA_COMMAND, DATA_VERBS } from "../commandLine/commands.ts";
import { parseCommandLine, usageLine } from "../commandLine/options.ts";

export const VERBS = DATA_VERBS.map((verb) => verb.name);
export type Verb = (typeof DATA_VERBS)[number]["name"];

export const USAGE = usageLine(DATA_COMMAND);

export interface DataRequest {
  verb: Verb;
  components: ComponentName[];
  stack: string;
  yes: boolean;
  plan: boolean;
}

export function parseDataArgs(argv: string[]): DataRequest {
  const { values, positionals } = parseCommandLine(DATA_COMMAND, argv);
  const [verb, target, ...extra] = positionals;
  if (!verb || !(VERBS as readonly string[]).includes(verb)) {
    throw new UsageError(verb ? `unknown command "${verb}"; the commands are ${VERBS.join(", ")}` : "a command is required");
  }
  if (!target) throw new UsageError(`which component? one of ${[...COMPONENT_NAMES, "all"].join(", ")}`);
  if (target !== "all" && !isComponentName(target)) {
    throw new UsageError(`unknown component "${target}"; the components are ${[...COMPONENT_NAMES, "all"].join(", ")}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values["plan"] && verb !== "reset" && verb !== "clean") throw new UsageError("--plan applies to reset and clean");
  return {
    verb: verb as Verb,
    components: target === "all" ? [...COMPONENT_NAMES] : [target as ComponentName],
    stack: String(values["stack"]),
    yes: values["yes"] === true,
    plan: values["plan"] === true,
  };
}
