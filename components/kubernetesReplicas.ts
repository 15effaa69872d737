import type { ComponentName } from "../config/components.ts";

/*
 * Where each replica of a replicated component is on Kubernetes: a StatefulSet named after the component
 * (its pods <component>-0, <component>-1, ...) whose headless Service gives every pod a DNS name of its
 * own. The descriptions need these names (Alertmanager's peers, Prometheus' Alertmanagers) and the
 * Kubernetes target creates the objects that make them resolve, so both take them from here.
 */

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

/** The ordinals of `replicas` replicas: 0, 1, ... */
export function ordinals(replicas: number): number[] {
  return Array.from({ length: replicas }, (_, ordinal) => ordinal);
}
