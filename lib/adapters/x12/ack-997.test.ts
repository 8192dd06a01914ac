import { test } from "node:test";
import assert from "node:assert/strict";
import { buildAck997 } from "./ack-997";
import { parseX12 } from "./reader";
import { readEdi } from "./test-files";

const NOW = new Date("2024-05-02T13:45:00Z");

function ackFor(text: string, interchangeControlNumber = 42, groupControlNumber = 7) {
  const [summary] = parseX12(text).interchanges;
  return buildAck997({ summary, now: NOW, interchangeControlNumber, groupControlNumber });
}

const segmentsOf = (ack: string, terminator: string) => ack.split(terminator).filter(Boolean);

test("997 for the syntax-note file: AK3/AK4 per bad segment and element, AK5 R, AK9 R", () => {
  const ack = ackFor(readEdi("EdiEngine/850.SyntaxNotes.ERR.edi"))!;
  const segs = segmentsOf(ack, "\n");
  assert.equal(segs[0], "ISA*00*          *00*          *ZZ*123456789012345*ZZ*ABCDEFGHIJKLMNO*240502*1345*U*00400*000000042*0*P*>");
  assert.equal(segs[1], "GS*FA*999999999*4405197800*20240502*1345*7*X*004010");
  assert.deepEqual(segs.slice(2), [
    "ST*997*0001",
    "AK1*PO*1421",
    "AK2*850*000000010",
    "AK3*PO1*13**8",
    "AK4*7**2",
    "AK3*PO4*30**8",
    "AK4*6**2",
    "AK4*6**2",
    "AK5*R*5",
    "AK9*R*1*1*0",
    "SE*11*0001",
    "GE*1*7",
    "IEA*1*000000042",
  ]);
});

test("997 after a control-number mismatch: that set R with AK502 3, the others A, group P", () => {
  const text = readEdi("staedi/invoice810_po850_dual.edi").replace("SE*22*000000002~", "SE*22*000000099~");
  const ack = ackFor(text)!;
  const segs = segmentsOf(ack, "~");
  const body = segs.slice(2, -2);
  assert.deepEqual(body, [
    "ST*997*0001", "AK1*IN*1", "AK2*810*000000001", "AK5*A", "AK2*810*000000002", "AK5*R*3", "AK9*P*2*2*1", "SE*8*0001",
    "ST*997*0002", "AK1*PO*165", "AK2*850*000191240", "AK3*N1*9**8", "AK4*4**2", "AK5*R*5", "AK9*R*1*1*0", "SE*8*0002",
  ]);
});

test("group trailer errors reach AK9; a duplicate ST02 gives AK5 E with code 23", () => {
  const ge = segmentsOf(ackFor(readEdi("x12-types/940_test_1.edi"))!, "~");
  assert.ok(ge.includes("AK9*E*1*1*1*4"));
  const dup = segmentsOf(ackFor(readEdi("EDI.Net/x12.850.issue135.edi"))!, "~");
  assert.deepEqual(dup.slice(3, 8), ["AK1*PO*1", "AK2*850*0001", "AK5*A", "AK2*850*0001", "AK5*E*23"]);
});

test("our 997 parses back with our own reader: valid envelope, swapped parties, same delimiters", () => {
  const ack = ackFor(readEdi("EdiEngine/850.SyntaxNotes.ERR.edi"))!;
  const parsed = parseX12(ack);
  assert.equal(parsed.fatal, null);
  assert.equal(parsed.interchanges[0].errors.length, 0);
  assert.equal(parsed.interchanges[0].warnings.length, 0);
  const [set] = parsed.sets;
  assert.equal(set.id, "997");
  assert.equal(set.status, "accepted");
  assert.equal(set.interchange.senderId, "123456789012345");
  assert.equal(set.interchange.receiverId, "ABCDEFGHIJKLMNO");
  assert.deepEqual(set.interchange.separators, { element: "*", repetition: null, component: ">", segment: "\n" });
  const ak4 = set.segments.filter((s) => s.id === "AK4").map((s) => s.elements[1]);
  assert.deepEqual(ak4, ["7", "6", "6"]);
});

test("no 997 for a bare set without envelope", () => {
  assert.equal(ackFor(readEdi("x12-types/945_parse_945.edi")), null);
});
