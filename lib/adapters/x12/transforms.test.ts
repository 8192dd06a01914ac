import { test } from "node:test";
import assert from "node:assert/strict";
import { validateRecord, type TransformResult } from "@/lib/domain/canonical/records";
import { x12ConfigSchema, type X12ConfigInput } from "./config";
import { parseX12 } from "./reader";
import { readEdi } from "./test-files";
import { interchangeVersion, type SetContext } from "./transactions/common";
import { buildHlTree, describeHlTree } from "./transactions/hl-tree";
import { SET_TRANSFORMS } from "./transactions/index";
import { transformX12 } from "./x12-adapter";
import { generateLargeX12Sync } from "./generate-interchange";

const UOM = { uomFactors: { EA: 1, PC: 1, UN: 1, CA: 12 } } satisfies X12ConfigInput;

/** Runs the adapter and checks every record against its canonical schema. */
function run(text: string, config: X12ConfigInput = UOM): TransformResult {
  const result = transformX12(text, config);
  for (const record of result.records) {
    const v = validateRecord(record);
    assert.ok(v.ok, `record at ${record.origin.position} fails its schema: ${!v.ok && v.issue.message}`);
  }
  return result;
}

const data = (r: TransformResult, i = 0) => r.records[i].data as Record<string, any>;

test("850 (EdiEngine OK): PO number, supplier, ship-to, lines with product ids, prices and the DTM*002 date", () => {
  const r = run(readEdi("EdiEngine/850.OK.edi"));
  assert.equal(r.issues.length, 0);
  assert.equal(r.records.length, 1);
  assert.equal(r.records[0].origin.position, "ISA 000003438 / GS 1421 / ST 000000010 / segment 4 (BEG)");
  const po = data(r);
  assert.equal(po.number, "08292233294");
  assert.equal(po.supplierCode, "999999999"); // no N1*VN: the GS03 receiver
  assert.equal(po.locationCode, "0003947268292"); // N1*ST N104
  assert.equal(po.orderedAt, "2010-11-27T00:00:00.000Z");
  assert.equal(po.lines.length, 6);
  assert.deepEqual(po.lines[0], { lineNo: 1, sku: "065322-117", qtyOrdered: 120, unitCost: 9.25, promisedDate: "2010-12-14T00:00:00.000Z" });
  assert.deepEqual(po.lines[5], { lineNo: 6, sku: "067504-118", qtyOrdered: 696, unitCost: 9.55, promisedDate: "2010-12-14T00:00:00.000Z" });
});

test("850 in cases: quantities become stock units and the price per stock unit; mapping tables rename parties", () => {
  const r = run(readEdi("x12-types/004010_850.edi"), { ...UOM, partnerLocationCodes: { "1223334445": "DC-ATHENS" } });
  const po = data(r);
  assert.equal(po.number, "A99999-01");
  assert.equal(po.locationCode, "DC-ATHENS");
  assert.deepEqual(po.lines.map((l: any) => [l.sku, l.qtyOrdered]), [
    ["000111111", 192], ["000555555", 156], ["000666666", 384], ["000874917", 612], ["000874958", 108], ["000874990", 1020], ["000875088", 12],
  ]);
  assert.equal(po.lines[0].unitCost, 1.028333); // 12.34 per case of 12
  const perSku = run(readEdi("x12-types/004010_850.edi"), { ...UOM, skuUomFactors: { "000111111": { CA: 24 } } });
  assert.equal(data(perSku).lines[0].qtyOrdered, 384);
});

test("an unknown unit of measure is an issue naming the line, not a crash", () => {
  const r = run(readEdi("x12-types/004010_850.edi"), { uomFactors: { EA: 1 } });
  assert.equal(r.records.length, 0);
  assert.equal(r.issues.length, 7);
  assert.equal(r.issues[1].message, "unknown unit of measure 'CA' on PO1 line 2; add it to the source's UoM table");
  assert.equal(r.issues[1].field, "PO103");
  assert.equal(r.issues[1].raw, "PO1**13*CA*12.34**CB*000555555*UA*002840033333");
});

test("missing mandatory values are issues naming the segment and element", () => {
  const r = run(readEdi("EdiEngine/850.OK.edi").replace("BEG*00*SA*08292233294*", "BEG*00*SA**"));
  assert.deepEqual(r.issues.map((i) => [i.field, i.message]), [["BEG03", "BEG03 (purchase order number) is missing"]]);
  const noShipTo = run(readEdi("EDI.Net/x12.850.issue135.edi"), { uomFactors: { SF: 1 } });
  assert.match(noShipTo.issues[0].message, /no ship-to location: no N1\*ST in the header and no defaultLocationCode/);
  const withDefault = run(readEdi("EDI.Net/x12.850.issue135.edi"), { uomFactors: { SF: 1 }, defaultLocationCode: "LAX" });
  assert.deepEqual(withDefault.records.map((x) => (x.data as any).number), ["740150", "740151"]);
  assert.equal(data(withDefault).lines[6].lineNo, 100);
  assert.equal(data(withDefault).lines[6].promisedDate, "2019-05-17T00:00:00.000Z"); // line-level DTM*002
});

test("855: BAK status, PO number, ACK line status and quantities", () => {
  const r = run(readEdi("node-x12/855.edi"));
  assert.equal(r.issues.length, 0);
  const ack = data(r);
  assert.equal(ack.poNumber, "POTEST1112");
  assert.equal(ack.status, "ACCEPTED"); // BAK02 AD
  assert.equal(ack.acknowledgedAt, "2020-10-15T00:00:00.000Z");
  assert.deepEqual(ack.lines.map((l: any) => [l.lineNo, l.sku, l.qty, l.status]), [
    [1, "9780446360265", 3, "ACCEPTED"], [2, "9780767928427", 0, "REJECTED"], [3, "9780099599531", 0, "REJECTED"], [4, "9780446360272", 2, "ACCEPTED"],
  ]);
});

test("856 crossdock: HL tree S/O/P/I, one ASN per order, carrier, ship and delivery dates, SN1 quantities", () => {
  const text = readEdi("EdiEngine/856.Crossdock.OK.edi");
  const tree = buildHlTree(parseX12(text).sets[0].segments);
  assert.equal(describeHlTree(tree), "1S(2O(3P(4I) 5P(6I) 7P(8I) 9P(10I)) 11O(12P(13I)))");
  const r = run(text);
  assert.equal(r.issues.length, 0);
  assert.deepEqual(r.records.map((x) => [(x.data as any).number, (x.data as any).poNumber, (x.data as any).lines.length]), [
    ["000009/POREF00", "POREF00", 4],
    ["000009/POREF01", "POREF01", 1],
  ]);
  const asn = data(r);
  assert.equal(asn.carrier, "OVERNITE (OVNT)");
  assert.equal(asn.shippedAt, "2009-09-21T00:00:00.000Z");
  assert.equal(asn.eta, "2009-09-25T00:00:00.000Z");
  assert.deepEqual(asn.lines[1], { poLineNo: null, sku: "0000000000831", qtyShipped: 12 });
});

test("856 without DTM*017 needs defaultTransitDays; LIN01 becomes the PO line", () => {
  const text = readEdi("node-x12/856.edi");
  assert.match(run(text).issues[0].message, /no estimated delivery: no DTM\*017/);
  const r = run(text, { ...UOM, defaultTransitDays: 3 });
  const asn = data(r);
  assert.equal(asn.number, "829716");
  assert.equal(asn.poNumber, "99999817");
  assert.equal(asn.eta, "2011-12-09T00:00:00.000Z");
  assert.deepEqual(asn.lines, [
    { poLineNo: 1, sku: "87787D", qtyShipped: 24 },
    { poLineNo: 2, sku: "99887D", qtyShipped: 6 },
  ]);
});

test("940: W05 order, N1 customer and warehouse, G62 ship date, W01 lines in cases", () => {
  const r = run(readEdi("EdiEngine/940.OK.edi"));
  const so = data(r);
  assert.equal(so.number, "538686");
  assert.equal(so.customerCode, "00000001");
  assert.equal(so.locationCode, "0000000000140");
  assert.deepEqual(so.lines.map((l: any) => [l.lineNo, l.sku, l.qtyOrdered, l.promisedShipDate]), [
    [1, "000100", 144, "2000-02-04T00:00:00.000Z"], [2, "000200", 384, "2000-02-04T00:00:00.000Z"], [3, "000300", 144, "2000-02-04T00:00:00.000Z"],
  ]);
  assert.match(run(readEdi("x12-types/940_test_5.edi")).issues[0].message, /no W01 lines/);
});

test("945 (bare set, rejected by the reader for its SE01) still maps W06/W12 when transformed directly", () => {
  const [set] = parseX12(readEdi("x12-types/945_parse_945.edi")).sets;
  const ctx: SetContext = { set, config: x12ConfigSchema.parse(UOM), version: interchangeVersion(set.interchange) };
  const r = SET_TRANSFORMS["945"](ctx);
  assert.equal(r.issues.length, 0);
  const so = r.records[0].data as any;
  assert.equal(so.number, "01766655");
  assert.equal(so.customerCode, "10333648");
  assert.equal(so.locationCode, "708066");
  assert.equal(so.status, "CLOSED");
  assert.deepEqual(so.lines.map((l: any) => [l.sku, l.qtyOrdered, l.qtyShipped]), [["007117901645", 864, 864], ["007117901645", 864, 864], ["007117900070", 1152, 1152]]);
  assert.equal(r.records[0].version, 0);
});

test("846 (generated): one inventory balance per LIN, QTY*17 on hand, N1*WH location", () => {
  const r = run([...generateLargeX12Sync(3)].join(""));
  assert.equal(r.issues.length, 0);
  assert.deepEqual(r.records.map((x) => x.data), [
    { sku: "SKU-00001", locationCode: "DC01", onHand: 919, asOf: "2024-01-15T06:00:00.000Z" },
    { sku: "SKU-00002", locationCode: "DC01", onHand: 838, asOf: "2024-01-15T06:00:00.000Z" },
    { sku: "SKU-00003", locationCode: "DC01", onHand: 757, asOf: "2024-01-15T06:00:00.000Z" },
  ]);
});

test("944: W17 receipt with W07 lines", () => {
  const text = [
    "ISA*00*          *00*          *ZZ*3PLWMS         *ZZ*WORKBENCH      *240301*1015*U*00401*000000777*0*P*>~",
    "GS*RE*3PLWMS*WORKBENCH*20240301*1015*77*X*004010~",
    "ST*944*0001~", "W17*F*20240301*RCV-5001*PO-889*ASN-42~", "N1*WH*Reno DC*9*RNO1~",
    "LX*1~", "W07*10*CA**SK*WIDGET-1~", "LX*2~", "W07*3*EA**SK*WIDGET-2~",
    "W14*13~", "SE*9*0001~", "GE*1*77~", "IEA*1*000000777~",
  ].join("\n");
  const r = run(text, { ...UOM, partnerLocationCodes: { RNO1: "DC-RENO" } });
  assert.equal(r.issues.length, 0);
  assert.deepEqual(r.records[0].data, {
    number: "RCV-5001", locationCode: "DC-RENO", poNumber: "PO-889", asnNumber: "ASN-42", receivedAt: "2024-03-01T00:00:00.000Z",
    lines: [{ poLineNo: null, sku: "WIDGET-1", qtyReceived: 120 }, { poLineNo: null, sku: "WIDGET-2", qtyReceived: 3 }],
  });
});

test("record versions grow with the ISA date/time and control number", () => {
  const early = run(readEdi("EdiEngine/850.OK.edi")).records[0].version;
  const later = run(readEdi("EdiEngine/850.OK.edi").replace("*101127*1719*", "*101128*0900*")).records[0].version;
  const sameMinuteHigherControl = run(readEdi("EdiEngine/850.OK.edi").replace(/000003438/g, "000003439")).records[0].version;
  assert.ok(later > early);
  assert.ok(sameMinuteHigherControl > early);
  assert.equal(early, Math.floor(Date.UTC(2010, 10, 27, 17, 19) / 60000) * 1e8 + 3438);
});
