/**
 * A Pulumi provider plugin the program uses that cannot be built here at any version, and what the
 * engine tests do without it.
 */
export interface PluginNotBuilt {
  plugin: string;
  /** The npm package whose version it would have to match. */
  npmPackage: string;
  /** Its Go module. */
  module: string;
  reason: string;
  /** What the Go module proxy answered. */
  error: string;
  /** How the engine tests get by without it. */
  without: string;
}

export const PLUGINS_NOT_BUILT: PluginNotBuilt[] = [
  {
    plugin: "pulumi-resource-random",
    npmPackage: "@pulumi/random",
    module: "github.com/pulumi/pulumi-random/provider/v4",
    reason:
      "The Go module proxy serves no version of it (not even its version list); and its go.mod (at v4.21.1, " +
      "the release before) replaces its Terraform shim with a directory of its own repository (./shim), which no published " +
      "module holds, so even a served version would not build from the proxy alone.",
    error:
      "reading https://proxy.golang.org/github.com/pulumi/pulumi-random/provider/v4/@v/list: 403 Forbidden\n" +
      "\tserver response: This module version is not available.",
    without:
      "The program asks for it only to generate the Grafana admin password when `grafanaAdminPassword` is not set; the " +
      "engine tests set that secret with `pulumi config set --secret`, so no random resource is registered.",
  },
  {
    plugin: "pulumi-resource-docker",
    npmPackage: "@pulumi/docker",
    module: "github.com/pulumi/pulumi-docker/provider/v5",
    reason:
      "The Go module proxy serves no version of it (not even its version list); and its go.mod (at v5.1.0, the " +
      "release before) replaces the Terraform Docker provider with a patched checkout (../upstream), which no published " +
      "module holds, so even a served version would not build from the proxy alone.",
    error:
      "reading https://proxy.golang.org/github.com/pulumi/pulumi-docker/provider/v5/@v/list: 403 Forbidden\n" +
      "\tserver response: This module version is not available.",
    without:
      "The engine tests run the cluster stack only; the Docker stack is covered by the mocks and by the e2e workflow on " +
      "real Docker, and a preview of the local stack with no Docker daemon is not tried.",
  },
];
