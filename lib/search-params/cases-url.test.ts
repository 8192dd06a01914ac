import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseCasesQuery } from "@/lib/search-params/cases";
import { casesQueryToSearchParams, parseCasesQueryUrl, type RawQuery } from "@/lib/search-params/cases-url";

// Values per key: valid, invalid, edge cases (empty, repeated keys, whitespace, bounds, non-finite).
const VALUES: Record<string, (string | string[])[]> = {
  page: ["1", "3", "0", "-2", "1.5", "abc", "", "100000", "100001", "1e3", " 7 ", "Infinity", "0x10", ["2", "3"]],
  pageSize: ["10", "25", "50", "100", "7", "x", "", "1e2", ["10", "25"]],
  sort: ["score", "severity", "openedAt", "slaDueAt", "number", "exposure", "bogus", "", ["score", "number"]],
  dir: ["asc", "desc", "up", ""],
  status: ["", "OPEN", "OPEN,RESOLVED", "OPEN,BAD", ["OPEN", "RESOLVED"], ",,OPEN", "open"],
  severity: ["CRITICAL,HIGH", "critical", "", "LOW,", ["LOW", "X"]],
  type: ["PO_PAST_DUE", "PO_PAST_DUE,x,ASN_OVERDUE", ["A", "PO_NO_ASN"], ""],
  site: ["DC-ATL", "DC-ATL,bad site", "", "dc-atl"],
  supplier: ["S-0046", "S-0046,a b", "x".repeat(41), "a.b_c-d"],
  tier: ["STRATEGIC", "STRATEGIC,KEY", "nope", ""],
  assignee: ["me", "none", "usr_planner", "US", "", "ab", ["me", "none"]],
  scoreMin: ["5000", "-1", "abc", "", "1e309", "0", " 12 ", ["1", "2"]],
  scoreMax: ["10", "x"],
  exposureMin: ["20000", "-0.5"],
  exposureMax: ["20000", "x", "Infinity"],
  ageMin: ["30", "3650", "3651", "-1", "2.5"],
  ageMax: ["10", "4000"],
  sla: ["breached,due_soon", "late", "on_track", ""],
  freshness: ["stale", "fresh,stale", "old"],
  snoozed: ["only", "include", "hide", "x"],
  cols: ["number,title", "number,zzz", "select"],
  density: ["compact", "tight", "comfortable"],
  q: ["  PO-123 ", "", "   ", "x".repeat(101), "x".repeat(100), ` ${"y".repeat(100)}  `, ["a", "b"]],
};

/** Deterministic pseudo-random numbers (a failure reproduces). */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("cases-url parser (browser) and casesQuerySchema (server)", () => {
  test("agree on every single value", () => {
    assert.deepStrictEqual(parseCasesQueryUrl({}), parseCasesQuery({}));
    for (const [key, values] of Object.entries(VALUES)) {
      for (const v of values) assert.deepStrictEqual(parseCasesQueryUrl({ [key]: v }), parseCasesQuery({ [key]: v }), `${key}=${JSON.stringify(v)}`);
    }
  });

  test("agree on 5,000 random combinations, as objects and as URLSearchParams", () => {
    const random = rng(42);
    for (let i = 0; i < 5_000; i++) {
      const input: RawQuery = {};
      for (const [key, values] of Object.entries(VALUES)) if (random() < 0.35) input[key] = values[Math.floor(random() * values.length)];
      assert.deepStrictEqual(parseCasesQueryUrl(input), parseCasesQuery(input), JSON.stringify(input));
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(input)) for (const x of [v].flat()) params.append(k, x ?? "");
      assert.deepStrictEqual(parseCasesQueryUrl(params), parseCasesQuery(params), params.toString());
    }
  });

  test("a serialised query parses back to itself", () => {
    const q = parseCasesQueryUrl({ page: "3", sort: "exposure", status: "OPEN", severity: "CRITICAL,HIGH", supplier: "S-0046", scoreMin: "5000", q: "PO-1" });
    assert.deepStrictEqual(parseCasesQueryUrl(casesQueryToSearchParams(q)), q);
  });
});
