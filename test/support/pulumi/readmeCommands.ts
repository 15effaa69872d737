import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../cli/runScript.ts";

function readme(): string {
  return readFileSync(join(REPO_ROOT, "README.md"), "utf8");
}

/** Every `pulumi config set --path <key> <value> [--stack <stack>]` the README gives with a concrete value. */
export function readmeConfigSetCommands(): { key: string; value: string; stack: string; line: string }[] {
  const unquote = (word: string) => word.replace(/^'(.*)'$/, "$1");
  return [...readme().matchAll(/pulumi config set --path ('[^']+'|[^\s`]+) ('[^']*'|[^\s`]+)(?: --stack ([A-Za-z0-9_-]+))?/g)]
    .map(([line, key, value, stack]) => ({ key: unquote(key!), value: unquote(value!), stack: stack ?? "local", line: line! }))
    .filter(({ key, value }) => !key.includes("<") && !value.includes("<"));
}

/** The README's `kubectl ... port-forward` commands for the cluster stack, without their comments. */
export function readmePortForwardCommands(): string[] {
  return [...readme().matchAll(/^(kubectl --namespace \S+ port-forward [^#\n]*?)\s*(?:#.*)?$/gm)].map(([, command]) => command!);
}
