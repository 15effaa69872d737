/** What the Kubernetes provider writes when it renders a stack to manifests (kubernetes.render.directory). */

/** The rendered file of an object, by the provider's naming: <apiVersion>-<kind>-<namespace>-<name>.yaml. */
export function renderedManifestFile(apiVersion: string, kind: string, namespace: string, name: string): string {
  return `${apiVersion.replace(/\//g, "_")}-${kind.toLowerCase()}-${namespace}-${name}.yaml`;
}

/** The provider leaves empty lists out of what it writes (`env: []`, `args: []`); nothing else may differ. */
export function withoutEmptyLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyLists);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => [k, withoutEmptyLists(v)]),
    );
  }
  return value;
}
