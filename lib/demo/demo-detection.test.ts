/**
 * The demo data and the detection engine agree: every case comes from a planted pattern
 * (the background is quiet) and every planted pattern of an implemented type is detected.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IMPLEMENTED_TYPES } from "@/lib/domain/detect/rules";
import { runDetection } from "@/lib/domain/detect/run-detection";
import { demoSnapshot } from "./demo-snapshot";
import { generateDemoData } from "./generate-demo";

const data = generateDemoData({ seed: 42, asOf: new Date("2026-11-25T14:00:00Z") });
const cases = runDetection(demoSnapshot(data));
const key = (itemId: string | null, siteId: string) => `${itemId}@${siteId}`;

describe("demo data × detection", () => {
  it("raises tens to a couple hundred cases", () => {
    assert.ok(cases.length >= 40 && cases.length <= 200, `cases ${cases.length}`);
  });
  it("raises no case outside the planted item-locations", () => {
    const planted = new Set(data.planted.map((p) => key(p.itemId, p.locationId)));
    const stray = cases.filter((c) => c.itemId && !planted.has(key(c.itemId, c.siteId)) && c.findings[0].type !== "MASTER_DATA_INVALID");
    assert.deepEqual(stray.map((c) => c.title), []);
  });
  it("detects every planted pattern whose type the engine implements", () => {
    // Master-data findings are per item (the engine picks the site), the rest per item-location.
    const found = new Set(cases.flatMap((c) => c.findings.flatMap((f) => [`${f.type}|${key(f.itemId, f.siteId)}`, `${f.type}|${f.itemId}`])));
    const want = (p: (typeof data.planted)[number]) => (p.type === "MASTER_DATA_INVALID" ? `${p.type}|${p.itemId}` : `${p.type}|${key(p.itemId, p.locationId)}`);
    const missed = data.planted.filter((p) => p.itemId && IMPLEMENTED_TYPES.includes(p.type) && !found.has(want(p)));
    assert.deepEqual(missed.map((p) => `${p.type} ${p.siteCode}`), []);
  });
  it("chains PO_NO_ASN into STOCKOUT_DESPITE_INBOUND at DC-ATL", () => {
    const atl = data.locations.find((l) => l.code === "DC-ATL")!.id;
    const chains = cases.filter((c) => c.siteId === atl && c.findings.some((f) => f.type === "PO_NO_ASN") && c.findings.some((f) => f.type === "STOCKOUT_DESPITE_INBOUND"));
    assert.ok(chains.length >= 3, `ATL chains ${chains.length}`);
  });
});
