import type { Check } from "../preflight/checks.ts";
import type { ComponentName } from "../../config/components.ts";
import type { StackExpectations } from "./expectations.ts";
import { alertmanagerChecks } from "./alertmanagerChecks.ts";
import { grafanaChecks } from "./grafanaChecks.ts";
import { jaegerChecks } from "./jaegerChecks.ts";
import { prometheusChecks } from "./prometheusChecks.ts";
import { remoteWriteChecks } from "./remoteWriteChecks.ts";

export interface VerifyInput {
  expectations: StackExpectations;
  /** Where each published endpoint is reached, keyed "<component>.<port>". */
  urls: Record<string, string>;
  grafana: { user: string; password?: string; passwordProblem?: string };
  /** What to do, per component, when it does not answer at all (start it; the port-forward to run). */
  unreachableFix: (component: ComponentName) => string;
  /** How long to wait for a stack that has just started (first scrapes, provisioning). */
  waitSeconds: number;
  /** Only these components (`npm run data -- status <component>`); every one by default. */
  only?: string[];
}

/** Every check of the running stack, one component after the other, each waiting up to the shared deadline. */
export async function verifyStack(input: VerifyInput): Promise<Check[]> {
  const deadline = Date.now() + input.waitSeconds * 1000;
  const wanted = (component: string) => input.expectations.components.includes(component) && (!input.only || input.only.includes(component));
  const url = (key: string) => {
    const value = input.urls[key];
    if (!value) throw new Error(`the stack publishes no ${key} endpoint`);
    return value;
  };
  const checks: Check[] = [];
  if (wanted("grafana")) {
    checks.push(...(await grafanaChecks({ url: url("grafana.http"), ...input.grafana, unreachableFix: input.unreachableFix("grafana") }, input.expectations, deadline)));
  }
  if (wanted("prometheus")) {
    checks.push(...(await prometheusChecks(url("prometheus.http"), input.expectations, input.unreachableFix("prometheus"), deadline)));
    checks.push(...(await remoteWriteChecks(url("prometheus.http"), input.expectations, deadline)));
  }
  if (wanted("alertmanager")) checks.push(...(await alertmanagerChecks(url("alertmanager.http"), input.expectations, input.unreachableFix("alertmanager"), deadline)));
  if (wanted("jaeger")) {
    checks.push(...(await jaegerChecks({ otlpHttp: url("jaeger.otlp-http"), query: url("jaeger.ui") }, input.unreachableFix("jaeger"), deadline)));
  }
  return checks;
}
