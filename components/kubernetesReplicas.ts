import type { ComponentName } from "../config/components.ts";

/*
 * Where each replica of a replicated component is on Kubernetes. Replicas with data of their own
 * (Alertmanager, Prometheus) are a StatefulSet named after the component (its pods <component>-0,
 * <component>-1, ...) whose headless Service gives every pod a DNS name of its own. Replicas without
 * (Jaeger, Grafana: their data is in a shared store) are a Deployment: their pods have no names to know in
 * advance, but the same headless Service's name resolves to every pod's address. The descriptions need
 * these names (Alertmanager's peers, Prometheus' Alertmanagers, Grafana's alerting peers) and the
 * Kubernetes target creates the objects that make them resolve, so both take them from here.
 */

/** Replicas that each keep data of their own, and so have stable names: a StatefulSet's, not a Deployment's. */
export function statefulReplicas(d: { replicas: number; data?: unknown }): boolean {
  return d.replicas > 1 && d.data !== undefined;
}

/** Replicas that keep no data of their own: a Deployment's identical pods, found by pod discovery. */
export function statelessReplicas(d: { replicas: number; data?: unknown }): boolean {
  return d.replicas > 1 && d.data === undefined;
}

/** The headless Service of a component's replicas (the StatefulSet's serviceName): one DNS name per pod. */
export function headlessServiceName(component: ComponentName): string {
  return `${component}-headless`;
}

/** A replica's pod: the StatefulSet's name (the component's) and its ordinal. */
export function replicaName(component: ComponentName, ordinal: number): string {
  return `${component}-${ordinal}`;
}

/**
 * A replica's host name inside the cluster, `<pod>.<headless Service>.<namespace>.svc`: resolved through the
 * pods' DNS search path, whatever the cluster's domain.
 */
export function replicaHost(namespace: string, component: ComponentName, ordinal: number): string {
  return `${replicaName(component, ordinal)}.${headlessServiceName(component)}.${namespace}.svc`;
}

/** The headless Service's host name inside the cluster, which resolves to every replica's address. */
export function replicasHost(namespace: string, component: ComponentName): string {
  return `${headlessServiceName(component)}.${namespace}.svc`;
}

/** The ordinals of `replicas` replicas: 0, 1, ... */
export function ordinals(replicas: number): number[] {
  return Array.from({ length: replicas }, (_, ordinal) => ordinal);
}
