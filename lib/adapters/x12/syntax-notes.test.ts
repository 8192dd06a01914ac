import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSyntaxNotes } from "./syntax-notes";

const seg = (text: string) => text.split("*");
const notes = (text: string) => checkSyntaxNotes(seg(text)).map((v) => `${v.note}@${v.elementPosition}/${v.ak4Code}`);

test("P paired, C conditional, R required, L list conditional, on real segment shapes", () => {
  assert.deepEqual(notes("PO1*1*120*EA*9.25*TE*CB*065322-117*PR*RO*VN*AB3542"), []);
  assert.deepEqual(notes("PO1*1*120*EA*9.25*TE*CB**PR*RO*VN*AB3542"), ["P0607@7/2"]);
  assert.deepEqual(notes("PO4*6*6*EA*PLT94*X**LR*10*CT"), ["C0506@6/2", "P0607@6/2"]);
  assert.deepEqual(notes("REF*DP"), ["R0203@2/2"]);
  assert.deepEqual(notes("DTM*002"), ["R020305@2/2"]);
  assert.deepEqual(notes("PO4*1*1*EA**********IN"), ["L13101112@10/2"]);
  assert.deepEqual(notes("N1*ST*CARGO LIMITED #112*92"), ["P0304@4/2"]);
  assert.deepEqual(notes("BEG*00*SA*1**20240101"), []);
});

test("the explanation names the elements, their values and the rule", () => {
  const [v] = checkSyntaxNotes(seg("PO1*1*120*EA*9.25*TE*CB**PR*RO*VN*AB3542"));
  assert.equal(v.explanation, "PO106 'CB' is present but PO107 is missing; PO106, PO107 must be used together (paired)");
});
