import { test } from "node:test";
import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { generateLargeX12 } from "./generate-interchange";
import { parseX12 } from "./reader";
import { readEdi } from "./test-files";
import { transformStream, x12Adapter, type X12StreamChunk } from "./x12-adapter";

const config = x12Adapter.configSchema.parse({ uomFactors: { EA: 1, PC: 1, UN: 1, CA: 12 } });
const payload = (body: string) => ({ kind: "edi" as const, contentType: "application/edi-x12", label: "test.edi", body });

test("the adapter is kind x12 and its config schema fills the default unit table", () => {
  assert.equal(x12Adapter.kind, "x12");
  assert.deepEqual(x12Adapter.configSchema.parse({}).uomFactors, { EA: 1, PC: 1, UN: 1 });
  assert.throws(() => x12Adapter.configSchema.parse({ uomFactors: { CA: -1 } }));
});

test("810 invoices are validated and counted as informational, without records or issues", () => {
  const r = x12Adapter.transform(payload(readEdi("staedi/invoice810_po850_dual.edi")), config) as ReturnType<typeof x12Adapter.transform> & { notes: string[] };
  assert.equal(r.records.length, 0);
  assert.deepEqual(r.notes, [
    "ISA 000000020 / GS 1 / ST 000000001: transaction set 810 (invoice) parsed and validated (accepted); it carries no canonical record",
    "ISA 000000020 / GS 1 / ST 000000002: transaction set 810 (invoice) parsed and validated (accepted); it carries no canonical record",
  ]);
  // The 850 of that file breaks N1 syntax note P0304: rejected on its own.
  assert.equal(r.issues.length, 1);
  assert.equal(r.issues[0].position, "ISA 000000020 / GS 165 / ST 000191240 / segment 67 (N1)");
  assert.equal(r.issues[0].field, "N104");
});

test("an unsupported set (832) is reported as such, never crashes", () => {
  const r = x12Adapter.transform(payload(readEdi("EDI.Net/x12.832.edi")), config);
  assert.equal(r.records.length, 0);
  assert.match(r.issues[0].message, /^unsupported transaction set 832 \(price\/sales catalog\)/);
});

test("EDIFACT payloads come back as one clear issue", () => {
  const r = x12Adapter.transform(payload(readEdi("pydifact/order.edi")), config);
  assert.equal(r.records.length, 0);
  assert.equal(r.issues.length, 1);
  assert.match(r.issues[0].message, /not an X12 interchange \(EDIFACT UNA\/UNB\)/);
});

test("the ERR file becomes three rejected-set issues naming segment, position and elements", () => {
  const r = x12Adapter.transform(payload(readEdi("EdiEngine/850.SyntaxNotes.ERR.edi")), config);
  assert.equal(r.records.length, 0);
  assert.deepEqual(r.issues.map((i) => [i.entity, i.position, i.field]), [
    ["purchaseOrder", "ISA 000003438 / GS 1421 / ST 000000010 / segment 15 (PO1)", "PO107"],
    ["purchaseOrder", "ISA 000003438 / GS 1421 / ST 000000010 / segment 32 (PO4)", "PO406"],
    ["purchaseOrder", "ISA 000003438 / GS 1421 / ST 000000010 / segment 32 (PO4)", "PO406"],
  ]);
  assert.equal(r.issues[0].raw, "PO1*1*120*EA*9.25*TE*CB**PR*RO*VN*AB3542");
});

test("transformStream yields per set, then the interchange with its 997", async () => {
  const text = readEdi("EdiEngine/850.OK.edi") + readEdi("node-x12/855.edi");
  const chunks: X12StreamChunk[] = [];
  const ack = { now: new Date("2024-05-02T13:45:00Z"), controlNumbers: () => ({ interchange: 900, group: 900 }) };
  for await (const c of transformStream(Readable.from([Buffer.from(text)]), config, ack)) chunks.push(c);
  assert.deepEqual(chunks.map((c) => [c.kind, c.position, c.records.length]), [
    ["set", "ISA 000003438 / GS 1421 / ST 000000010", 1],
    ["interchange", "ISA 000003438", 0],
    ["set", "ISA 000000005 / GS 5 / ST 0005", 1],
    ["interchange", "ISA 000000005", 0],
  ]);
  const ack855 = parseX12(chunks[3].ack!);
  assert.deepEqual(ack855.sets[0].segments.map((s) => s.elements.join("*")).slice(1, 5), ["AK1*PR*5", "AK2*855*0005", "AK5*A", "AK9*A*1*1*1"]);
});

test("transformStream over the generator: every line becomes a balance", async () => {
  let records = 0;
  let issues = 0;
  for await (const c of transformStream(generateLargeX12(1234), config)) {
    records += c.records.length;
    issues += c.issues.length;
  }
  assert.equal(records, 1234);
  assert.equal(issues, 0);
});
