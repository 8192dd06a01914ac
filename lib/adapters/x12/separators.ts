/**
 * Delimiters of an X12 interchange, read from its ISA header: element separator = the character after "ISA",
 * repetition separator = ISA11 (from version 00402 on), component separator = ISA16, segment terminator = the
 * character right after ISA16. Real files bend the fixed-width rule (unpadded ISA fields, no ISA16), so the header is
 * walked by separator count, not by byte offset; deviations come back as warnings.
 */
import { X12Error } from "./errors";

export interface Separators {
  element: string;
  /** null when ISA12 < 00402 (ISA11 is then the standards identifier, not a separator) or unknown. */
  repetition: string | null;
  /** null when ISA16 was missing (or the set has no envelope). */
  component: string | null;
  segment: string;
}

/** Fixed widths of ISA01..ISA16. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;

export type HeaderDetection =
  | { kind: "need-more" }
  | { kind: "ok"; separators: Separators; warnings: X12Error[] }
  | { kind: "error"; error: X12Error };

const isAlphanumeric = (c: string) => /[A-Za-z0-9]/.test(c);
const isLineBreak = (c: string | undefined) => c === "\n" || c === "\r";

/** `text` starts with "ISA"; `final` = no more input will come. */
export function detectIsaSeparators(text: string, final: boolean): HeaderDetection {
  const element = text[3];
  if (element === undefined) return final ? malformed("the ISA header is cut short") : { kind: "need-more" };
  if (isAlphanumeric(element) || element === " ") return malformed(`'${element}' after ISA cannot be an element separator`);
  const positions: number[] = [];
  for (let i = 3; i < text.length && positions.length < 16; i++) if (text[i] === element) positions.push(i);
  const p16 = positions[15];
  if (p16 === undefined || text.length < p16 + 3) {
    if (!final && text.length < 4096) return { kind: "need-more" };
    return malformed(`the ISA header has ${positions.length} of its 16 element separators`);
  }
  const isa16 = text[p16 + 1];
  const afterIsa16 = text[p16 + 2];
  const fields = splitIsaFields(text, element, positions);
  const version = fields[11] ?? "";
  const isa11 = fields[10] ?? "";
  const repetition = version >= "00402" && isa11.length === 1 && !isAlphanumeric(isa11) ? isa11 : null;
  const warnings: X12Error[] = [];
  const control = fields[12]?.trim() || null;

  const gsCheck = isLineBreak(afterIsa16) && !isAlphanumeric(isa16) ? gsLineEndsWith(text, p16 + 2, isa16) : "no";
  if (gsCheck === "unknown" && !final && text.length < 4096) return { kind: "need-more" };
  if (gsCheck === "yes") {
    // "…*P*~\nGS*…~\n": ISA16 left out, '~' is the terminator and the line breaks are only cosmetic.
    warnings.push(
      new X12Error({
        code: "ISA16_MISSING",
        severity: "warning",
        message: `ISA16 (component element separator) is missing; '${isa16}' is taken as the segment terminator because the GS segment ends with it too`,
        segmentId: "ISA",
        interchangePosition: 1,
        elementPosition: 16,
        controlNumbers: { isa: control },
      }),
    );
    return { kind: "ok", separators: { element, repetition, component: null, segment: isa16 }, warnings };
  }
  if (afterIsa16 === undefined || isAlphanumeric(afterIsa16) || afterIsa16 === element) {
    return malformed(`no segment terminator after ISA16 ('${isa16}'); found '${afterIsa16 ?? "end of file"}'`);
  }
  fields.forEach((value, i) => {
    if (value.length !== ISA_WIDTHS[i]) {
      warnings.push(
        new X12Error({
          code: "ISA_FIELD_LENGTH",
          severity: "warning",
          message: `ISA${String(i + 1).padStart(2, "0")} is ${value.length} characters long; the standard fixes it at ${ISA_WIDTHS[i]}`,
          segmentId: "ISA",
          interchangePosition: 1,
          elementPosition: i + 1,
          elementValue: value,
          controlNumbers: { isa: control },
        }),
      );
    }
  });
  return { kind: "ok", separators: { element, repetition, component: isa16, segment: afterIsa16 }, warnings };
}

function splitIsaFields(text: string, element: string, positions: number[]): string[] {
  const fields: string[] = [];
  for (let i = 0; i < 15; i++) fields.push(text.slice(positions[i] + 1, positions[i + 1]));
  fields.push(text[positions[15] + 1]);
  return fields;
}

/** Does the GS line after the ISA end with `char`? "unknown" until the whole line has arrived. */
function gsLineEndsWith(text: string, from: number, char: string): "yes" | "no" | "unknown" {
  let i = from;
  while (isLineBreak(text[i])) i++;
  if (text.length < i + 2) return "unknown";
  if (text.slice(i, i + 2) !== "GS") return "no";
  const lineEnd = text.indexOf("\n", i);
  if (lineEnd < 0) return "unknown";
  const line = text.slice(i, lineEnd).replace(/\r$/, "").trimEnd();
  return line.endsWith(char) ? "yes" : "no";
}

function malformed(message: string): HeaderDetection {
  return { kind: "error", error: new X12Error({ code: "ISA_MALFORMED", message: `malformed ISA header: ${message}`, segmentId: "ISA", interchangePosition: 1 }) };
}

/** Separators for a bare "ST*…" transaction set with no envelope: element = char after ST, terminator = first other symbol. */
export function inferBareSetSeparators(text: string): Separators | null {
  const element = text[2];
  if (!element || isAlphanumeric(element)) return null;
  for (let i = 3; i < Math.min(text.length, 200); i++) {
    const c = text[i];
    if (c !== element && !isAlphanumeric(c) && c !== " ") return { element, repetition: null, component: null, segment: c };
  }
  return null;
}

/** What a non-X12 payload looks like, for the refusal message. */
export function describeForeignStart(text: string): X12Error {
  const head = text.slice(0, 3);
  if (head === "UNA" || head === "UNB") {
    return new X12Error({ code: "EDIFACT", message: "not an X12 interchange (EDIFACT UNA/UNB): this adapter reads ANSI X12 only; route EDIFACT to an EDIFACT source" });
  }
  const shown = JSON.stringify(text.slice(0, 20));
  return new X12Error({ code: "NOT_X12", message: `not an X12 interchange: expected it to start with "ISA", found ${shown}` });
}
