import { test } from "node:test";
import assert from "node:assert/strict";
import { proposeActionSchema } from "@/lib/domain/case/action-schemas";
import { proposalDraft, readRecommendations } from "@/lib/case-view/recommendations";

const transfer = {
  code: "TRANSFER_FROM_SURPLUS",
  rank: 1,
  label: "Transfer 182 TLS-01812 from HUB-MEM to DC-ATL",
  impact: { daysGained: 7, usdRecovered: 15842.19, unitsRecovered: 182 },
  reason: "HUB-MEM holds 182 units above its safety stock",
  payload: { quantity: 182, fromLocationId: "loc_hub_mem" },
  actionType: "TRANSFER",
};
const advice = { code: "CHASE_SUPPLIER", rank: 2, label: "Chase SUP-1 for PO-1 line 1", impact: { daysGained: 0, usdRecovered: 10, unitsRecovered: 5 }, reason: "PO_NO_ASN", payload: null, actionType: null };
const expedite = { code: "EXPEDITE_PO", rank: 3, label: "Expedite PO-9", impact: { daysGained: 3, usdRecovered: 5, unitsRecovered: 2.5 }, reason: "late", payload: { quantity: 40.2, targetDate: "2026-12-01" }, actionType: "EXPEDITE" };

test("stored recommendations are read in rank order; malformed rows are skipped", () => {
  const recs = readRecommendations([expedite, { nonsense: true }, advice, transfer, null]);
  assert.deepEqual(recs.map((r) => r.code), ["TRANSFER_FROM_SURPLUS", "CHASE_SUPPLIER", "EXPEDITE_PO"]);
  assert.equal(recs[1].actionType, null);
  assert.deepEqual(readRecommendations({}), []);
  assert.deepEqual(readRecommendations(null), []);
});

test("an unknown action type degrades to advice instead of offering a broken proposal", () => {
  const [r] = readRecommendations([{ ...transfer, actionType: "TELEPORT" }]);
  assert.equal(r.actionType, null);
  assert.equal(proposalDraft(r), null);
});

test("executable recommendations become drafts the propose schema accepts; advice does not", () => {
  const [t, a, e] = readRecommendations([transfer, advice, expedite]);
  const td = proposalDraft(t)!;
  assert.deepEqual({ type: td.type, quantity: td.quantity, fromLocationId: td.fromLocationId, targetDate: td.targetDate }, { type: "TRANSFER", quantity: 182, fromLocationId: "loc_hub_mem", targetDate: undefined });
  assert.match(td.note, /^Recommended #1: Transfer 182 TLS-01812/);
  assert.equal(proposalDraft(a), null);
  const ed = proposalDraft(e)!;
  assert.equal(ed.quantity, 41, "fractional quantities round up to whole units");
  assert.equal(ed.targetDate, "2026-12-01");
  for (const d of [td, ed]) {
    const parsed = proposeActionSchema.safeParse({ caseId: "c1", type: d.type, quantity: d.quantity, note: d.note, fromLocationId: d.fromLocationId, targetDate: d.targetDate });
    assert.equal(parsed.success, true, JSON.stringify(parsed.error?.issues));
  }
});

test("a long label and reason are cut to the note's 500-character limit", () => {
  const [r] = readRecommendations([{ ...transfer, reason: "x".repeat(800) }]);
  const d = proposalDraft(r)!;
  assert.equal(d.note.length, 500);
  assert.ok(d.note.endsWith("…"));
});
