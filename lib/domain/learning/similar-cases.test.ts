import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Recommendation } from "@/lib/domain/model/case-draft";
import { chooseLevel, describeHistory, levelStatsFromRows, rerankByHistory, type SimilarOutcomeRow } from "@/lib/domain/learning/similar-cases";

const row = (level: string, actionType: string | null, cases: number, medianDays: number | null = null, meanDays: number | null = null): SimilarOutcomeRow => ({ level, actionType, cases, medianDays, meanDays });
/** Same type and site: 9 cases, 7 resolved by an expedite (median 2.1 days), 2 by a transfer (1.0). */
const rows: SimilarOutcomeRow[] = [
  row("SITE_SUPPLIER", null, 3),
  row("SITE_SUPPLIER", "EXPEDITE", 3, 2, 2),
  row("SITE", null, 9),
  row("SITE", "EXPEDITE", 7, 2.14, 2.5),
  row("SITE", "TRANSFER", 2, 1, 1.2),
  row("SUPPLIER", null, 4),
  row("TYPE", null, 40),
  row("TYPE", "EXPEDITE", 20, 3, 3.4),
  row("TYPE", "TRANSFER", 15, 1.5, 1.7),
  row("TYPE", "NOT_AN_ACTION", 5, 1, 1),
  row("NOT_A_LEVEL", null, 99),
];

const rec = (rank: number, code: string, actionType: Recommendation["actionType"]): Recommendation => ({
  rank, code, label: code, actionType, payload: actionType ? { quantity: 1 } : null, impact: { unitsRecovered: 0, usdRecovered: 100 - rank, daysGained: 0 }, reason: "",
});
const engine = [rec(1, "TRANSFER_FROM_SURPLUS", "TRANSFER"), rec(2, "EXPEDITE_PO", "EXPEDITE"), rec(3, "CHASE_SUPPLIER", null), rec(4, "REALLOCATE_FROM_LOWER_TIER", "REALLOCATE")];

describe("similar-case levels", () => {
  it("reads the SQL rows per level, ignoring unknown levels and action types", () => {
    const levels = levelStatsFromRows(rows);
    assert.deepEqual(levels.map((l) => [l.level, l.cases, Object.keys(l.byAction).sort().join(",")]), [
      ["SITE_SUPPLIER", 3, "EXPEDITE"],
      ["SITE", 9, "EXPEDITE,TRANSFER"],
      ["SUPPLIER", 4, ""],
      ["TYPE", 40, "EXPEDITE,TRANSFER"],
    ]);
  });
  it("backs off from site + supplier to the first level with enough cases", () => {
    const levels = levelStatsFromRows(rows);
    assert.equal(chooseLevel(levels)?.level, "SITE");
    assert.equal(chooseLevel(levels, { minSample: 3 })?.level, "SITE_SUPPLIER");
    assert.equal(chooseLevel(levels, { minSample: 10 })?.level, "TYPE");
    assert.equal(chooseLevel(levels, { minSample: 41 }), null);
    assert.equal(chooseLevel([]), null);
  });
});

describe("rerankByHistory", () => {
  it("puts the action that resolved enough similar cases first and says so on each executable option", () => {
    const r = rerankByHistory(engine, levelStatsFromRows(rows));
    assert.equal(r.level?.level, "SITE");
    assert.equal(r.reranked, true);
    assert.deepEqual(r.recommendations.map((x) => [x.rank, x.code, x.engineRank]), [
      [1, "EXPEDITE_PO", 2],
      [2, "TRANSFER_FROM_SURPLUS", 1],
      [3, "CHASE_SUPPLIER", 3],
      [4, "REALLOCATE_FROM_LOWER_TIER", 4],
    ]);
    const [exp, tr, chase, realloc] = r.recommendations;
    assert.deepEqual(exp.history, { actionType: "EXPEDITE", resolved: 7, of: 9, medianDays: 2.1, level: "SITE", proven: true });
    assert.equal(describeHistory(exp.history!), "Expedite resolved 7 of 9 similar cases in 2.1 days");
    // 2 of 9 is below the support of 3: shown, not used to rank.
    assert.equal(tr.history?.proven, false);
    assert.equal(describeHistory(tr.history!), "Transfer resolved 2 of 9 similar cases in 1.0 day");
    assert.equal(chase.history, null, "advice has no action type to look up");
    assert.equal(describeHistory(realloc.history!), "Reallocation resolved none of 9 similar cases");
    assert.deepEqual(r.unlisted, []);
  });
  it("names a proven action type that no option offers", () => {
    const r = rerankByHistory([engine[0], engine[2]], levelStatsFromRows(rows));
    assert.deepEqual(r.unlisted, [{ actionType: "EXPEDITE", resolved: 7, of: 9, medianDays: 2.1, level: "SITE", proven: true }]);
    assert.deepEqual(rerankByHistory([engine[2]], levelStatsFromRows([row("TYPE", null, 4), row("TYPE", "EXPEDITE", 4, 1)])).unlisted, []);
  });
  it("orders proven actions fastest first, then by how many cases they resolved", () => {
    const levels = levelStatsFromRows([row("TYPE", null, 20), row("TYPE", "EXPEDITE", 9, 2.5), row("TYPE", "TRANSFER", 5, 1), row("TYPE", "REALLOCATE", 4, 1)]);
    const r = rerankByHistory(engine, levels);
    assert.deepEqual(r.recommendations.map((x) => x.code), ["TRANSFER_FROM_SURPLUS", "REALLOCATE_FROM_LOWER_TIER", "EXPEDITE_PO", "CHASE_SUPPLIER"]);
  });
  it("without enough history keeps the engine's order, attaches nothing and never drops an option", () => {
    const r = rerankByHistory(engine, levelStatsFromRows([row("TYPE", null, 4), row("TYPE", "EXPEDITE", 4, 1)]));
    assert.equal(r.level, null);
    assert.equal(r.reranked, false);
    assert.deepEqual(r.recommendations.map((x) => [x.rank, x.code, x.history]), engine.map((e) => [e.rank, e.code, null]));
    assert.deepEqual(rerankByHistory([], levelStatsFromRows(rows)).recommendations, []);
  });
  it("a share rule keeps a few lucky cases in a large sample from jumping the queue", () => {
    // 3 of 40 meets the absolute support but not 20 % of the sample.
    const r = rerankByHistory(engine, levelStatsFromRows([row("TYPE", null, 40), row("TYPE", "EXPEDITE", 3, 0.5)]));
    assert.equal(r.reranked, false);
    assert.equal(r.recommendations[1].history?.proven, false);
  });
});
