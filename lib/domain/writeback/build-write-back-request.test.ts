import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { adjustmentDelta, buildWriteBackRequest, type WriteBackFacts } from "./build-write-back-request";

const facts = (over: Partial<WriteBackFacts> = {}): WriteBackFacts => ({
  actionId: "act_1",
  actionType: "EXPEDITE",
  payload: { quantity: 40, targetDate: "2026-12-01" },
  caseNumber: 17,
  siteCode: "DC-ATL",
  sku: "FAS-0001",
  poLine: { poNumber: "PO-1001", lineNo: 2 },
  fromLocationCode: null,
  evidence: [],
  ...over,
});

describe("buildWriteBackRequest", () => {
  it("EXPEDITE: PO number + line and the new promised date (a date-only target is midnight UTC), keyed by the action id", () => {
    const r = buildWriteBackRequest(facts());
    assert.deepEqual(r, {
      ok: true,
      request: { idempotencyKey: "act_1", type: "EXPEDITE", payload: { caseNumber: 17, quantity: 40, poNumber: "PO-1001", lineNo: 2, newPromisedDate: "2026-12-01T00:00:00.000Z" } },
    });
  });

  it("EXPEDITE accepts newDate and refuses a case without a PO line or a bad date", () => {
    const r = buildWriteBackRequest(facts({ payload: { quantity: 1, newDate: "2026-12-03T10:00:00Z" } }));
    assert.equal(r.ok && r.request.payload.newPromisedDate, "2026-12-03T10:00:00.000Z");
    assert.deepEqual(buildWriteBackRequest(facts({ poLine: null })), { ok: false, error: "No purchase order line is linked to this case, so there is nothing to expedite in the source." });
    assert.deepEqual(buildWriteBackRequest(facts({ payload: { quantity: 1, targetDate: "next week" } })), { ok: false, error: "The expedite has no valid target date." });
    assert.deepEqual(buildWriteBackRequest(facts({ payload: { quantity: 1, targetDate: "2026-02-31x" } })), { ok: false, error: "The expedite has no valid target date." });
  });

  it("TRANSFER: SKU and both location codes; the case's site receives", () => {
    const r = buildWriteBackRequest(facts({ actionType: "TRANSFER", payload: { quantity: 12, fromLocationId: "loc_dc_nj" }, fromLocationCode: "DC-NJ" }));
    assert.deepEqual(r.ok && r.request.payload, { caseNumber: 17, quantity: 12, sku: "FAS-0001", fromLocationCode: "DC-NJ", toLocationCode: "DC-ATL" });
    assert.equal(buildWriteBackRequest(facts({ actionType: "TRANSFER", payload: { quantity: 1 } })).ok, false);
    assert.deepEqual(buildWriteBackRequest(facts({ actionType: "TRANSFER", payload: { quantity: 1 }, fromLocationCode: "DC-ATL" })), { ok: false, error: "A transfer needs two different locations (both are DC-ATL)." });
  });

  it("REALLOCATE, RECOUNT and HOLD name the item-location; the order and lot come from the evidence", () => {
    const evidence = [
      { type: "CREDIT_HOLD_BLOCKING", evidence: { soNumber: "SO-9100" } },
      { type: "QUALITY_LOT_HOLD_BLOCKING", evidence: { lot: "LOT-7", soNumber: "SO-ignored" } },
    ];
    const re = buildWriteBackRequest(facts({ actionType: "REALLOCATE", payload: { quantity: 5 }, evidence }));
    assert.deepEqual(re.ok && re.request.payload, { caseNumber: 17, quantity: 5, sku: "FAS-0001", locationCode: "DC-ATL", soNumber: "SO-9100" });
    const rc = buildWriteBackRequest(facts({ actionType: "RECOUNT", payload: { quantity: 3 } }));
    assert.deepEqual(rc.ok && rc.request.payload, { caseNumber: 17, quantity: 3, sku: "FAS-0001", locationCode: "DC-ATL" });
    const h = buildWriteBackRequest(facts({ actionType: "HOLD", payload: { quantity: 9 }, evidence }));
    assert.deepEqual(h.ok && h.request.payload, { caseNumber: 17, quantity: 9, sku: "FAS-0001", locationCode: "DC-ATL", lot: "LOT-7" });
  });

  it("stock actions need an item", () => {
    for (const actionType of ["TRANSFER", "REALLOCATE", "RECOUNT", "HOLD", "ADJUST"] as const) {
      const r = buildWriteBackRequest(facts({ actionType, sku: null, fromLocationCode: "DC-NJ" }));
      assert.equal(r.ok, false, actionType);
      assert.match(!r.ok ? r.error : "", /no item/);
    }
  });

  it("ADJUST: signed delta — explicit qtyDelta, else the sign of the evidence's variance, else an increase", () => {
    const lost = [{ type: "TRANSFER_RECEIPT_VARIANCE", evidence: { delta: -6, transferNumber: "TO-1" } }];
    const r = buildWriteBackRequest(facts({ actionType: "ADJUST", payload: { quantity: 6 }, evidence: lost }));
    assert.deepEqual(r.ok && r.request.payload, { caseNumber: 17, quantity: 6, sku: "FAS-0001", locationCode: "DC-ATL", qtyDelta: -6 });
    assert.equal(adjustmentDelta({ payload: { quantity: 6, qtyDelta: 4 }, evidence: lost }, 6), 4);
    assert.equal(adjustmentDelta({ payload: { quantity: 6 }, evidence: [{ type: "CYCLE_COUNT_VARIANCE", evidence: { delta: 11 } }] }, 6), 6);
    assert.equal(adjustmentDelta({ payload: { quantity: 6 }, evidence: [{ type: "NEGATIVE_ON_HAND", evidence: { onHand: -6 } }] }, 6), 6);
    const withLot = buildWriteBackRequest(facts({ actionType: "ADJUST", payload: { quantity: 2 }, evidence: [{ type: "EXPIRY_RISK", evidence: { lot: "LOT-X1" } }] }));
    assert.equal(withLot.ok && withLot.request.payload.lot, "LOT-X1");
  });

  it("refuses a payload without a positive whole quantity", () => {
    for (const quantity of [0, -3, 1.5, "7", undefined]) {
      assert.deepEqual(buildWriteBackRequest(facts({ payload: { quantity, targetDate: "2026-12-01" } })), { ok: false, error: "The approved action has no positive whole quantity." });
    }
  });
});
