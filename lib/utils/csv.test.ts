import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { csvCell, csvRow, neutralizeFormula } from "./csv";

describe("CSV export cells", () => {
  it("neutralises every formula trigger with a leading apostrophe", () => {
    for (const v of ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://evil","click")', "\uFF1D1+1", "-1+1", "@SUM(1+1)"]) {
      assert.equal(neutralizeFormula(v), `'${v}`, JSON.stringify(v));
    }
  });

  it("leaves ordinary values alone", () => {
    for (const v of ["action.approved", "Sam Supervisor", "2026-11-25T10:00:00.000Z", "a=b", "50%", "", " =not first"]) {
      assert.equal(neutralizeFormula(v), v);
    }
  });

  it("quotes cells with commas, quotes and line breaks after neutralising", () => {
    assert.equal(csvCell('=A1,"x"'), `"'=A1,""x"""`);
    assert.equal(csvCell("line 1\nline 2"), '"line 1\nline 2"');
    assert.equal(csvCell("\r=1"), `"'\r=1"`);
    assert.equal(csvCell("plain"), "plain");
  });

  it("writes nulls as empty cells, dates as ISO, objects as JSON, numbers as numbers (a number cannot be a formula)", () => {
    assert.equal(csvCell(null), "");
    assert.equal(csvCell(undefined), "");
    assert.equal(csvCell(new Date("2026-11-25T10:00:00Z")), "2026-11-25T10:00:00.000Z");
    assert.equal(csvCell({ status: "FAILED", n: 2 }), '"{""status"":""FAILED"",""n"":2}"');
    assert.equal(csvCell(-5), "-5");
    assert.equal(csvCell(-0.25), "-0.25");
    assert.equal(csvCell(12n), "12");
    assert.equal(csvCell(Number.NaN), "NaN");
    assert.equal(csvCell("-5"), "'-5", "text that looks like a number is still text from outside");
    assert.equal(csvCell(42), "42");
  });

  it("quotes semicolons and tabs, so a locale that splits on them cannot start a formula cell mid-value", () => {
    assert.equal(csvCell("a;=1+1"), '"a;=1+1"');
    assert.equal(csvCell("a\t=1+1"), '"a\t=1+1"');
  });

  it("joins a row with commas and ends it with CRLF", () => {
    assert.equal(csvRow(["1", "=cmd", null, "a,b"]), `1,'=cmd,,"a,b"\r\n`);
  });
});
