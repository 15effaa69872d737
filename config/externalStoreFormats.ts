import { z } from "zod";
import type { Format } from "./formats.ts";

/*
 * Formats of the keys that point the stack at stores outside it: a remote-write store, Jaeger's shared
 * storage, Grafana's database.
 */

function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** An absolute http(s) URL with a host: what Prometheus' remote_write and Grafana's datasources take. */
export const httpUrl: Format = {
  test: (v) => {
    const url = parsedUrl(v);
    return url !== undefined && (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && !/\s/.test(v);
  },
  allowed: "an absolute http:// or https:// URL with a host, such as https://mimir.example.com/api/v1/push",
};

/** A host name or IP address, with an optional :port (a database, a Cassandra or ClickHouse node). */
export const hostWithOptionalPort: Format = {
  test: (v) => /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?$/.test(v),
  allowed: "a host name or IP address, optionally with :port, such as postgres.db.svc:5432 or 10.0.0.7",
};

/** An HTTP header name (an RFC 9110 token). */
export const headerName: Format = {
  test: (v) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v),
  allowed: "an HTTP header name such as X-Scope-OrgID: letters, digits and !#$%&'*+.^_`|~-",
};

/**
 * A required string in a format: when the key is missing, `missing` says what it is for and how to set it,
 * instead of zod's "expected a string".
 */
export function required(format: Format, missing: string) {
  return z.preprocess(
    (value) => (typeof value === "number" && Number.isFinite(value) ? String(value) : value),
    z
      .string({ error: (issue) => (issue.input === undefined ? missing : `expected a string: ${format.allowed}`) })
      .refine(format.test, { error: format.allowed }),
  );
}

/** One line of text, not empty: a user name, a label value. */
export function oneLine(allowed: string): Format {
  return { test: (v) => v.length > 0 && !/[\r\n]/.test(v), allowed };
}
