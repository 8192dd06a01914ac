/**
 * Fuzzing the X12 reader and transforms (fast-check): random bytes and real files from ../shared/data mutated
 * (segments deleted / duplicated / swapped, separators and terminators corrupted, huge elements, hostile values,
 * invalid UTF-8, truncation). The reader must never throw, never hang, stream in any chunking exactly as it reads a
 * whole text, and say precisely where each problem is.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { checkProperty, describeStats } from "@/lib/testing/fuzz/settings";
import { chunked, ediMutations, mutateEdi } from "@/lib/testing/fuzz/edi-mutations";
import type { CanonicalRecord, RecordIssue } from "@/lib/domain/canonical/records";
import { EDI_DIR, X12_FILES } from "./test-files";
import { transformStream, transformX12 } from "./x12-adapter";
import { parseX12 } from "./reader";
import { MAX_SEGMENT_CHARS } from "./tokenizer";

const SEEDS = [...X12_FILES, "EdiEngine/850.SyntaxNotes.ERR.edi"].map((name) => ({ name, bytes: readFileSync(path.join(EDI_DIR, name)) }));
const CONFIG = { uomFactors: { EA: 1, PC: 1, CA: 12 }, defaultLocationCode: "DC-1", defaultTransitDays: 5 };
/** Per input, generous for a 2-core CI box shared with other jobs; the inputs are at most ~1 MB. */
const MAX_MS_PER_INPUT = 5_000;

const decode = (bytes: Buffer) => new TextDecoder().decode(bytes);

async function streamed(chunks: Buffer[]): Promise<{ records: CanonicalRecord[]; issues: RecordIssue[] }> {
  const out = { records: [] as CanonicalRecord[], issues: [] as RecordIssue[] };
  for await (const chunk of transformStream((async function* () { yield* chunks; })(), CONFIG)) {
    out.records.push(...chunk.records);
    out.issues.push(...chunk.issues);
  }
  return out;
}

function assertPrecise(issues: RecordIssue[]) {
  for (const issue of issues) {
    assert.ok(issue.message.trim().length > 0, "an issue without a message");
    // "payload" (unreadable from the start), "ISA …" / "interchange n" (envelope), or "… ST nnnn …" (a set).
    assert.match(issue.position, /^(payload|ISA |interchange \d+|ST )/, `imprecise position: ${issue.position}`);
    if (issue.field !== null) assert.equal(typeof issue.field, "string");
  }
}

test("random bytes are refused with a message, never an exception", async (t) => {
  const stats = await checkProperty(
    "x12: random bytes",
    fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom("", "ISA", "ISA*", "ST*850*", "\uFEFF"), (bytes, prefix) => {
      const result = transformX12(prefix + decode(Buffer.from(bytes)), CONFIG);
      assertPrecise(result.issues);
      const parsed = parseX12(prefix + decode(Buffer.from(bytes)));
      if (parsed.sets.length === 0 && parsed.interchanges.length === 0) assert.ok(parsed.fatal || decode(Buffer.from(bytes)).trim() === "" || prefix === "\uFEFF");
    }),
    300,
  );
  t.diagnostic(describeStats(stats));
});

test("mutated real files: no exception, bounded time, precise issues, and any chunking streams exactly like the whole text", async (t) => {
  const stats = await checkProperty(
    "x12: mutated shared files, whole and streamed",
    fc.asyncProperty(fc.nat({ max: SEEDS.length - 1 }), ediMutations, fc.array(fc.nat(), { maxLength: 24 }), async (file, mutations, cuts) => {
      const bytes = mutateEdi(SEEDS[file].bytes, mutations);
      const started = performance.now();
      const whole = transformX12(decode(bytes), CONFIG);
      const stream = await streamed(chunked(bytes, cuts));
      assert.ok(performance.now() - started < MAX_MS_PER_INPUT, `took ${Math.round(performance.now() - started)} ms for ${bytes.length} bytes`);
      assertPrecise(whole.issues);
      for (const record of whole.records) assert.match(record.origin.position, /ST \S+ \/ segment \d+ \(\w+\)/);
      assert.deepEqual(stream, { records: whole.records, issues: whole.issues });
    }),
    100,
  );
  t.diagnostic(describeStats(stats));
});

test("a deleted SE trailer is reported for that transaction set by its control number", async (t) => {
  const stats = await checkProperty(
    "x12: deleted SE",
    fc.property(fc.nat({ max: SEEDS.length - 1 }), fc.nat(), (file, which) => {
      const text = decode(SEEDS[file].bytes);
      const parsed = parseX12(text);
      const sets = parsed.sets.filter((s) => s.segments.at(-1)?.id === "SE");
      fc.pre(sets.length > 0);
      const set = sets[which % sets.length];
      const se = set.segments.at(-1)!;
      const seps = set.interchange.separators;
      const raw = se.elements.join(seps.element) + seps.segment;
      const at = nthIndexOf(text, raw, sets.filter((s) => s.segments.at(-1)!.elements.join(seps.element) === se.elements.join(seps.element)).indexOf(set));
      fc.pre(at >= 0);
      const mutated = parseX12(text.slice(0, at) + text.slice(at + raw.length));
      const damaged = mutated.sets.find((s) => s.controlNumber === set.controlNumber && s.errors.some((e) => e.code === "SE_MISSING"));
      assert.ok(damaged, `no SE_MISSING for ST ${set.controlNumber}`);
      assert.equal(damaged.status, "rejected");
    }),
    60,
  );
  t.diagnostic(describeStats(stats));
});

test("a bad PO102 quantity in an 850 line quarantines the order naming PO102 and that PO1 segment", async (t) => {
  const base = decode(readFileSync(path.join(EDI_DIR, "node-x12/850.edi")));
  const lines = [...base.matchAll(/PO1\*([^*~]*)\*([^*~]*)\*/g)];
  assert.ok(lines.length >= 2);
  const stats = await checkProperty(
    "x12: bad PO102",
    fc.property(fc.nat({ max: lines.length - 1 }), fc.constantFrom("", "abc", "1e999", "NaN", "--1", "0x10", "١٢"), (line, value) => {
      const m = lines[line];
      const start = m.index! + `PO1*${m[1]}*`.length;
      const text = base.slice(0, start) + value + base.slice(start + m[2].length);
      const result = transformX12(text, CONFIG);
      assert.equal(result.records.filter((r) => r.entity === "purchaseOrder").length, 0, "the order is not emitted without that line");
      const issue = result.issues.find((i) => i.field === "PO102");
      assert.ok(issue, `no PO102 issue for ${JSON.stringify(value)}`);
      // Empty: the syntax note C0302 (PO103 needs PO102); not a number: the transform's own message.
      assert.match(issue.message, value === "" ? /PO102 is required, but PO102 is missing/ : new RegExp(`PO1 line ${m[1]}: PO102 \\(quantity ordered\\) is missing or not a number`));
      assert.match(issue.position, /ST \d+ \/ segment \d+ \(PO1\)/);
    }),
    30,
  );
  t.diagnostic(describeStats(stats));
});

test("a segment longer than 1 MiB (a wrong terminator) stops the read with SEGMENT_TOO_LONG, whole or streamed", async () => {
  const base = decode(readFileSync(path.join(EDI_DIR, "node-x12/850.edi")));
  const text = base.replace("~", `~N9*ZZ*${"A".repeat(MAX_SEGMENT_CHARS + 10)}~`);
  const parsed = parseX12(text);
  assert.equal(parsed.fatal?.code, "SEGMENT_TOO_LONG");
  assert.match(parsed.fatal!.message, /no segment terminator '~' within 1,048,576 characters of the segment starting at character 107 \("N9\*ZZ\*AAA/);
  const bytes = Buffer.from(text);
  const stream = await streamed(chunked(bytes, Array.from({ length: 40 }, (_, i) => i * 65_536)));
  const whole = transformX12(text, CONFIG);
  assert.deepEqual(stream, { records: whole.records, issues: whole.issues });
});

test("a long run of line breaks inside a segment is read in linear time (was a quadratic regex)", () => {
  const base = decode(readFileSync(path.join(EDI_DIR, "node-x12/850_2.edi")));
  // ISA terminator turned into CR: the rest of the file is one segment that ends in 200,000 line breaks.
  const isaEnd = base.indexOf("~");
  const text = `${base.slice(0, isaEnd)}\rGS*${"\n".repeat(200_000)}x\n`;
  const started = performance.now();
  parseX12(text);
  assert.ok(performance.now() - started < 2_000, `took ${Math.round(performance.now() - started)} ms`);
});

function nthIndexOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}
