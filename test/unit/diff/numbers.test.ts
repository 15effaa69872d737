import { describe, expect, test } from "vitest";
import { numbersOnlyChanges } from "../../../cli/diff/numbers.ts";

describe("numbersOnlyChanges", () => {
  test("a moved threshold is shown with its comparison", () => {
    expect(numbersOnlyChanges("(1 - a / b) * 100 > 90", "(1 - a / b) * 100 > 85")).toEqual([{ before: "> 90", after: "> 85" }]);
  });

  test("every number that moved, and only those", () => {
    expect(numbersOnlyChanges("x >= 0.5 and y < bool 10 and z * 100", "x >= 0.75 and y < bool 20 and z * 100")).toEqual([
      { before: ">= 0.5", after: ">= 0.75" },
      { before: "< bool 10", after: "< bool 20" },
    ]);
  });

  test("a number that is not compared is shown bare", () => {
    expect(numbersOnlyChanges("histogram_quantile(0.95, x)", "histogram_quantile(0.99, x)")).toEqual([{ before: "0.95", after: "0.99" }]);
  });

  test("any other change: undefined, the whole expression is shown instead", () => {
    expect(numbersOnlyChanges("up == 0", "up{job=\"x\"} == 0")).toBeUndefined();
    expect(numbersOnlyChanges("a > 1", "a > 1 or b > 2")).toBeUndefined();
  });

  test("durations and digits inside names are not numbers", () => {
    expect(numbersOnlyChanges("rate(x[5m]) > 1", "rate(x[10m]) > 1")).toBeUndefined();
    expect(numbersOnlyChanges("node_load1 > 4", "node_load5 > 4")).toBeUndefined();
  });

  test("identical expressions: undefined", () => {
    expect(numbersOnlyChanges("a > 1", "a > 1")).toBeUndefined();
  });
});
