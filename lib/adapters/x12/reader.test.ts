import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseX12, readX12 } from "./reader";
import type { X12Event } from "./model";
import { EDIFACT_FILES, EDI_DIR, X12_FILES, readEdi } from "./test-files";

function allEdiFiles(dir = EDI_DIR): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    return statSync(p).isDirectory() ? allEdiFiles(p) : entry.endsWith(".edi") ? [path.relative(EDI_DIR, p)] : [];
  });
}

test("the file lists cover every sample in the data folder", () => {
  assert.deepEqual([...X12_FILES, ...EDIFACT_FILES, "EdiEngine/850.SyntaxNotes.ERR.edi"].sort(), allEdiFiles().sort());
});

for (const file of X12_FILES) {
  test(`${file} parses to the end with at least one transaction set`, () => {
    const parsed = parseX12(readEdi(file));
    assert.equal(parsed.fatal, null);
    assert.ok(parsed.sets.length >= 1);
    assert.ok(parsed.interchanges.length >= 1);
    for (const set of parsed.sets) assert.equal(set.segments[0].id, "ST");
  });
}

for (const file of EDIFACT_FILES) {
  test(`${file} is refused as EDIFACT`, () => {
    const parsed = parseX12(readEdi(file));
    assert.equal(parsed.sets.length, 0);
    assert.equal(parsed.fatal?.code, "EDIFACT");
    assert.match(parsed.fatal!.message, /not an X12 interchange \(EDIFACT UNA\/UNB\)/);
  });
}

test("a non-EDI payload is refused and says what it found", () => {
  const parsed = parseX12("sku,qty\nA,1\n");
  assert.equal(parsed.fatal?.code, "NOT_X12");
  assert.match(parsed.fatal!.message, /expected it to start with "ISA", found "sku,qty/);
});

test("delimiters come from the ISA: newline terminators, '>' components, '-' repetition for 00406", () => {
  const engine = parseX12(readEdi("EdiEngine/850.OK.edi")).sets[0].interchange.separators;
  assert.deepEqual(engine, { element: "*", repetition: null, component: ">", segment: "\n" });
  const node856 = parseX12(readEdi("node-x12/856.edi")).sets[0].interchange.separators;
  assert.deepEqual(node856, { element: "*", repetition: "-", component: ">", segment: "~" });
});

test("850.SyntaxNotes.ERR is rejected: PO1 P0607 at set segment 13, PO4 C0506 and P0607 at set segment 30", () => {
  const [set] = parseX12(readEdi("EdiEngine/850.SyntaxNotes.ERR.edi")).sets;
  assert.equal(set.status, "rejected");
  const summary = set.errors.map((e) => [e.code, e.segmentId, e.setPosition, e.interchangePosition, e.elementPosition, e.controlNumbers.st]);
  assert.deepEqual(summary, [
    ["SYNTAX_NOTE", "PO1", 13, 15, 7, "000000010"],
    ["SYNTAX_NOTE", "PO4", 30, 32, 6, "000000010"],
    ["SYNTAX_NOTE", "PO4", 30, 32, 6, "000000010"],
  ]);
  assert.equal(
    set.errors[0].message,
    "PO1 (segment 13 of the set, 15 of the interchange): syntax note P0607 violated: PO106 'CB' is present but PO107 is missing; PO106, PO107 must be used together (paired)",
  );
  assert.match(set.errors[1].message, /C0506 violated: PO405 'X' is present, so PO406 is required/);
  assert.match(set.errors[2].message, /P0607 violated: PO407 'LR' is present but PO406 is missing/);
  assert.deepEqual(set.errors[0].controlNumbers, { isa: "000003438", gs: "1421", st: "000000010" });
  // The same document without the two edits is clean.
  assert.equal(parseX12(readEdi("EdiEngine/850.OK.edi")).sets[0].status, "accepted");
});

test("a control-number mismatch rejects that set only; the others in the file go through", () => {
  const text = readEdi("staedi/invoice810_po850_dual.edi").replace("SE*22*000000002~", "SE*22*000000099~");
  const parsed = parseX12(text);
  const statuses = parsed.sets.map((s) => [s.id, s.controlNumber, s.status]);
  assert.deepEqual(statuses.slice(0, 2), [
    ["810", "000000001", "accepted"],
    ["810", "000000002", "rejected"],
  ]);
  const error = parsed.sets[1].errors[0];
  assert.equal(error.code, "SE_CONTROL_MISMATCH");
  assert.equal(error.message, "SE02 '000000099' does not match ST02 '000000002'");
  assert.equal(error.setPosition, 22);
  assert.equal(error.elementPosition, 2);
});

test("a wrong SE01 count rejects the set and names both numbers", () => {
  const parsed = parseX12(readEdi("node-x12/856.edi").replace("SE*31*0008", "SE*30*0008"));
  assert.equal(parsed.sets[0].status, "rejected");
  assert.equal(parsed.sets[0].errors[0].message, "SE01 says 30 but the set has 31 segments (ST through SE)");
});

test("group and interchange trailer errors are reported on the summary (940_test_1: GE02 and IEA02)", () => {
  const parsed = parseX12(readEdi("x12-types/940_test_1.edi"));
  assert.equal(parsed.sets[0].status, "accepted");
  const [ic] = parsed.interchanges;
  assert.deepEqual(ic.groups[0].errors.map((e) => e.message), ["GE02 '575103' does not match GS06 '3317'"]);
  assert.deepEqual(ic.errors.map((e) => e.message), ["IEA02 '3317' does not match ISA13 '000003438'"]);
});

test("missing trailers, stray segments and unknown segment ids are errors with positions", () => {
  const text = readEdi("node-x12/856.edi").replace("PID*F****RED WIDGET~", "ZZZ*1~").replace(/SE\*31\*0008~\s*GE\*1\*49~/, "");
  const parsed = parseX12(text);
  const [set] = parsed.sets;
  assert.equal(set.status, "rejected");
  assert.deepEqual(set.errors.map((e) => e.code), ["UNKNOWN_SEGMENT", "SE_MISSING"]);
  assert.equal(set.errors[0].setPosition, 29);
  assert.deepEqual(parsed.interchanges[0].groups[0].errors.map((e) => e.code), ["GE_MISSING"]);
});

test("real-file quirks are recovered and flagged: unpadded ISA, missing ISA16, missing terminator, duplicate ST02", () => {
  const issue135 = parseX12(readEdi("EDI.Net/x12.850.issue135.edi"));
  assert.deepEqual(issue135.interchanges[0].warnings.map((w) => w.code), ["ISA16_MISSING"]);
  assert.deepEqual(issue135.sets.map((s) => s.status), ["accepted", "accepted-with-errors"]);
  assert.equal(issue135.sets[0].warnings[0].code, "SEGMENT_TERMINATOR_MISSING");
  assert.equal(issue135.sets[0].warnings[0].interchangePosition, 23);
  assert.equal(issue135.sets[1].warnings[0].code, "ST_CONTROL_DUPLICATE");
  const ariba = parseX12(readEdi("EDI.Net/x12.810a.edi"));
  assert.deepEqual(ariba.interchanges[0].warnings.map((w) => `${w.code} ISA${w.elementPosition}`), ["ISA_FIELD_LENGTH ISA2", "ISA_FIELD_LENGTH ISA4", "ISA_FIELD_LENGTH ISA8"]);
  assert.equal(ariba.sets[0].status, "accepted");
  const bare = parseX12(readEdi("x12-types/945_parse_945.edi"));
  assert.equal(bare.interchanges[0].header.enveloped, false);
  assert.equal(bare.sets[0].errors[0].message, "SE01 says 32 but the set has 29 segments (ST through SE)");
});

test("several interchanges and groups in one file, each with its own delimiters", () => {
  const text = readEdi("EdiEngine/850.OK.edi") + readEdi("node-x12/856.edi") + readEdi("staedi/invoice810_po850_dual.edi");
  const parsed = parseX12(text);
  assert.equal(parsed.fatal, null);
  assert.deepEqual(parsed.interchanges.map((i) => [i.header.controlNumber, i.groups.length]), [["000003438", 1], ["000000049", 1], ["000000020", 2]]);
  assert.deepEqual(parsed.sets.map((s) => s.id), ["850", "856", "810", "810", "850"]);
  assert.equal(parsed.sets[4].segments[0].position, 59);
});

test("the streaming reader gives the same sets as parseX12, even fed one byte at a time", async () => {
  const text = readEdi("staedi/invoice810_po850_dual.edi") + readEdi("EDI.Net/x12.850.issue135.edi");
  async function* bytes() {
    const buf = Buffer.from(text, "utf8");
    for (let i = 0; i < buf.length; i++) yield buf.subarray(i, i + 1);
  }
  const events: X12Event[] = [];
  for await (const e of readX12(bytes())) events.push(e);
  const shape = (es: X12Event[]) => es.map((e) => (e.type === "set" ? `${e.set.id}:${e.set.controlNumber}:${e.set.status}:${e.set.segments.length}` : e.type));
  assert.deepEqual(shape(events), shape(parseX12(text).events));
});

test("a file stream reads like the string", async () => {
  const { createReadStream } = await import("node:fs");
  const file = path.join(EDI_DIR, "EdiEngine/856.Crossdock.OK.edi");
  const ids: string[] = [];
  for await (const e of readX12(createReadStream(file, { highWaterMark: 16 }))) if (e.type === "set") ids.push(`${e.set.id}:${e.set.segments.length}`);
  assert.deepEqual(ids, ["856:57"]);
  assert.ok(readFileSync(file).length > 16);
});
