/**
 * Push tokenizer: text chunks in, segments out, never holding more than the unfinished tail of the input. Re-reads
 * the delimiters at every ISA (each interchange may use its own), tolerates the layout real files carry (BOM,
 * indentation, CR/LF after terminators) and recovers a terminator forgotten at a line break, flagging it.
 */
import { X12Error } from "./errors";
import { describeForeignStart, detectIsaSeparators, inferBareSetSeparators, type Separators } from "./separators";

export type Token =
  | { kind: "segment"; elements: string[]; separators: Separators; terminatorMissing: boolean }
  /** Header warnings (ISA field widths, missing ISA16, no envelope). */
  | { kind: "warning"; warning: X12Error }
  /** Nothing after this can be read. */
  | { kind: "fatal"; error: X12Error };

/** Characters of a non-ISA start read before deciding what it is (see readHeader). */
const HEADER_LOOKAHEAD = 200;
/** Longest segment we hold (1 MiB of text): real segments are under a few KB, even with long free-text elements. */
export const MAX_SEGMENT_CHARS = 1024 * 1024;

const LAYOUT = new Set([" ", "\t", "\r", "\n", "\uFEFF", "\u00A0"]);

export class X12Tokenizer {
  private buf = "";
  private separators: Separators | null = null;
  private state: "header" | "body" | "done" = "header";
  private interchangesSeen = 0;
  /** Characters dropped from the front of `buf` so far (for positions in errors). */
  private consumed = 0;
  /** Where to resume looking for the terminator in `buf`: the text before it was already searched. */
  private scanFrom = 0;

  feed(chunk: string): Token[] {
    this.buf += chunk;
    return this.drain(false);
  }

  end(): Token[] {
    return this.drain(true);
  }

  private drain(final: boolean): Token[] {
    const out: Token[] = [];
    let pos = 0;
    while (this.state !== "done") {
      if (this.state === "header") {
        pos = this.skipLayout(pos, null);
        if (pos >= this.buf.length) break;
        if (!this.readHeader(pos, final, out)) break;
        continue;
      }
      const seps = this.separators!;
      const end = this.buf.indexOf(seps.segment, Math.max(pos, this.scanFrom));
      // A segment longer than any real one means a wrong terminator (or a hostile file): stop instead of holding it.
      if ((end < 0 ? this.buf.length : end) - pos > MAX_SEGMENT_CHARS) {
        this.fatal(this.segmentTooLong(pos, seps), out);
        break;
      }
      if (end < 0) {
        this.scanFrom = this.buf.length;
        if (final) {
          const rest = this.buf.slice(pos);
          if (rest.trim()) this.emitRaw(rest, seps, out, true);
          pos = this.buf.length;
        }
        break;
      }
      const raw = this.buf.slice(pos, end);
      pos = end + 1;
      const lastId = this.emitRaw(raw, seps, out, false);
      if (lastId === "IEA") this.state = "header";
    }
    this.consumed += pos;
    this.scanFrom = Math.max(0, this.scanFrom - pos);
    this.buf = this.state === "done" ? "" : this.buf.slice(pos);
    return out;
  }

  private segmentTooLong(pos: number, seps: Separators): X12Error {
    const start = this.buf.slice(pos, pos + 40);
    return new X12Error({
      code: "SEGMENT_TOO_LONG",
      message: `no segment terminator '${printable(seps.segment)}' within ${MAX_SEGMENT_CHARS.toLocaleString("en-US")} characters of the segment starting at character ${(this.consumed + pos + 1).toLocaleString("en-US")} (${JSON.stringify(start)}…): the terminator is wrong or the file is damaged; nothing after this point was read`,
      segmentId: start.split(seps.element)[0].trim().slice(0, 3) || null,
    });
  }

  /** Returns false when more input is needed. */
  private readHeader(pos: number, final: boolean, out: Token[]): boolean {
    const head = this.buf.slice(pos, pos + 4096);
    // Anything but an ISA is judged on its first 200 characters (bare-set delimiters, the excerpt in the error):
    // wait for them, so where a stream happens to be cut never changes the verdict.
    if (!final && head.length < (head.startsWith("ISA") ? 4 : HEADER_LOOKAHEAD)) return false;
    if (head.startsWith("ISA")) {
      const detected = detectIsaSeparators(head, final);
      if (detected.kind === "need-more") return false;
      if (detected.kind === "error") return this.fatal(detected.error, out);
      this.separators = detected.separators;
      for (const warning of detected.warnings) out.push({ kind: "warning", warning });
      this.state = "body";
      this.interchangesSeen++;
      return true;
    }
    if (this.interchangesSeen === 0 && /^ST[^A-Za-z0-9]/.test(head)) {
      const seps = inferBareSetSeparators(head);
      if (seps) {
        out.push({
          kind: "warning",
          warning: new X12Error({
            code: "NO_ENVELOPE",
            severity: "warning",
            message: `no ISA/GS envelope: a bare transaction set; delimiters inferred as element '${seps.element}' and terminator '${printable(seps.segment)}'`,
          }),
        });
        this.separators = seps;
        this.state = "body";
        this.interchangesSeen++;
        return true;
      }
    }
    if (this.interchangesSeen > 0) {
      return this.fatal(
        new X12Error({ code: "TRAILING_DATA", message: `unreadable data after the last IEA: ${JSON.stringify(head.slice(0, 20))} is not an ISA header` }),
        out,
      );
    }
    return this.fatal(describeForeignStart(head), out);
  }

  private fatal(error: X12Error, out: Token[]): boolean {
    out.push({ kind: "fatal", error });
    this.state = "done";
    return false;
  }

  private skipLayout(pos: number, seps: Separators | null): number {
    while (pos < this.buf.length && LAYOUT.has(this.buf[pos]) && this.buf[pos] !== seps?.element) pos++;
    return pos;
  }

  /** Emits the segment(s) in one terminator-delimited piece of text; returns the last segment id. */
  private emitRaw(raw: string, seps: Separators, out: Token[], atEof: boolean): string | null {
    let start = 0;
    while (start < raw.length && LAYOUT.has(raw[start]) && raw[start] !== seps.element) start++;
    let text = start ? raw.slice(start) : raw;
    if (!text) return null;
    const lineBreakIsLayout = seps.segment !== "\n" && seps.segment !== "\r";
    if (lineBreakIsLayout && (text.includes("\n") || text.includes("\r"))) {
      const lines = text.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
      lines.forEach((line, i) => out.push(this.segment(line, seps, i < lines.length - 1 || atEof)));
      return lines.length ? lines[lines.length - 1].split(seps.element)[0] : null;
    }
    text = trimLineBreaksEnd(text);
    const token = this.segment(text, seps, atEof);
    out.push(token);
    return token.elements[0];
  }

  private segment(text: string, seps: Separators, terminatorMissing: boolean): Token & { kind: "segment" } {
    return { kind: "segment", elements: text.split(seps.element), separators: seps, terminatorMissing };
  }
}

/**
 * Drops trailing CR/LF. A loop, not /[\r\n]+$/: that regex backtracks quadratically on a long run of line breaks
 * that is not at the end (a fuzzed file with 20,000 of them took 1.5 s, 100,000 would take a minute).
 */
function trimLineBreaksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
  return end === text.length ? text : text.slice(0, end);
}

export function printable(c: string): string {
  return c === "\n" ? "\\n" : c === "\r" ? "\\r" : c;
}
