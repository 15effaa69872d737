import { parseArgs } from "node:util";
import { COMPONENT_NAMES, isComponentName, type ComponentName } from "../../stacks/components/names.ts";
import { UsageError } from "../cli.ts";

export const VERBS = ["start", "reset", "clean", "status"] as const;
export type Verb = (typeof VERBS)[number];

export const USAGE =
  `usage: npm run data -- <${VERBS.join("|")}> <${[...COMPONENT_NAMES, "all"].join("|")}> [--stack local|cluster] [--yes] [--plan]\n` +
  "  start   bring the component (and what it needs) up, leaving the rest as it is\n" +
  "  reset   wipe the component's data and start it again with the same config\n" +
  "  clean   remove the component and its data\n" +
  "  status  running, healthy, URL and data size of each component\n" +
  "  --plan  print what would be replaced or deleted, change nothing\n" +
  "  --yes   delete without asking (needed without a terminal)";

export interface DataRequest {
  verb: Verb;
  components: ComponentName[];
  stack: string;
  yes: boolean;
  plan: boolean;
}

export function parseDataArgs(argv: string[]): DataRequest {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", default: "local" },
      yes: { type: "boolean", short: "y", default: false },
      plan: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [verb, target, ...extra] = positionals;
  if (!verb || !(VERBS as readonly string[]).includes(verb)) {
    throw new UsageError(verb ? `unknown command "${verb}"; the commands are ${VERBS.join(", ")}` : "a command is required");
  }
  if (!target) throw new UsageError(`which component? one of ${[...COMPONENT_NAMES, "all"].join(", ")}`);
  if (target !== "all" && !isComponentName(target)) {
    throw new UsageError(`unknown component "${target}"; the components are ${[...COMPONENT_NAMES, "all"].join(", ")}`);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.plan && verb !== "reset" && verb !== "clean") throw new UsageError("--plan applies to reset and clean");
  return {
    verb: verb as Verb,
    components: target === "all" ? [...COMPONENT_NAMES] : [target as ComponentName],
    stack: values.stack,
    yes: values.yes,
    plan: values.plan,
  };
}
