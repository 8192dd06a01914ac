import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { caseSearchText, MAX_SEARCH_TEXT_LENGTH } from "@/lib/domain/case/case-search-text";
import { caseCustomerTier } from "@/lib/domain/case/case-customer-tier";

// Evidence shaped as the detection rules write it (poEvidence, customer-order-at-risk, stockout-despite-inbound, transfers).
const poLate = { evidence: { poLineId: "pol_1", poNumber: "PO-10023", lineNo: 1, supplierCode: "SUP-7", sku: "SKU-0042", locationCode: "DC-ATL", daysPastDue: 4 } };
const ordersAtRisk = {
  evidence: {
    sku: "SKU-0042",
    soNumbers: ["SO-5001", "SO-5002"],
    soLines: [
      { soNumber: "SO-5001", customerTier: "KEY", qtyOpen: 3 },
      { soNumber: "SO-5002", customerTier: "STANDARD", qtyOpen: 5 },
    ],
  },
};
const inbound = { evidence: { sku: "SKU-0042", poNumber: null, asnNumber: "ASN-77", transferNumber: "TO-9", lane: "DC-NJ>DC-ATL" } };

describe("caseSearchText", () => {
  it("holds the lower-case title, SKU and every PO, order, ASN and transfer number once", () => {
    const text = caseSearchText("Stocked out: SKU-0042 at DC-ATL", [poLate, ordersAtRisk, inbound]);
    assert.equal(text, "stocked out: sku-0042 at dc-atl po-10023 sku-0042 so-5001 so-5002 asn-77 to-9");
  });

  it("ignores values under other keys (locations, suppliers, lanes) and non-strings", () => {
    const text = caseSearchText("T", [poLate, inbound]);
    assert.ok(!text.includes("dc-atl"), text);
    assert.ok(!text.includes("sup-7"), text);
    assert.ok(!text.includes("dc-nj>dc-atl"), text);
    assert.ok(!text.includes("pol_1"), text);
  });

  it("finds numbers nested in lists of objects (e.g. POs to postpone)", () => {
    const surplus = { evidence: { toPostpone: [{ poNumber: "PO-1" }, { poNumber: "PO-2" }] } };
    assert.equal(caseSearchText("Surplus", [surplus]), "surplus po-1 po-2");
  });

  it("stays within its length bound, cut at a word boundary", () => {
    const many = { evidence: { soNumbers: Array.from({ length: 2000 }, (_, i) => `SO-${100000 + i}`) } };
    const text = caseSearchText("Credit hold", [many]);
    assert.ok(text.length <= MAX_SEARCH_TEXT_LENGTH);
    assert.match(text, /so-\d{6}$/, "ends on a whole number");
  });
});

describe("caseCustomerTier", () => {
  it("is the highest tier named anywhere in the evidence", () => {
    assert.equal(caseCustomerTier([poLate, ordersAtRisk]), "KEY");
    assert.equal(caseCustomerTier([ordersAtRisk, { evidence: { customerTier: "STRATEGIC", soNumber: "SO-9" } }]), "STRATEGIC");
  });

  it("is null when no finding names a customer order, and ignores unknown values", () => {
    assert.equal(caseCustomerTier([poLate, inbound]), null);
    assert.equal(caseCustomerTier([{ evidence: { customerTier: "PLATINUM" } }]), null);
  });
});
