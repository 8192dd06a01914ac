/**
 * Typed X12 validation errors. Each one says where it happened (segment id, ordinal in the interchange and in the
 * transaction set, element position) and under which control numbers, and carries the 997 codes that describe it.
 */

export type X12ErrorCode =
  | "NOT_X12"
  | "EDIFACT"
  | "ISA_MALFORMED"
  | "ISA_FIELD_LENGTH"
  | "ISA16_MISSING"
  | "NO_ENVELOPE"
  | "SEGMENT_TERMINATOR_MISSING"
  | "SEGMENT_TOO_LONG"
  | "INVALID_SEGMENT_ID"
  | "UNKNOWN_SEGMENT"
  | "UNEXPECTED_SEGMENT"
  | "MANDATORY_SEGMENT_MISSING"
  | "MANDATORY_ELEMENT_MISSING"
  | "SYNTAX_NOTE"
  | "SE_MISSING"
  | "SE_COUNT_MISMATCH"
  | "SE_CONTROL_MISMATCH"
  | "ST_CONTROL_DUPLICATE"
  | "GE_MISSING"
  | "GE_COUNT_MISMATCH"
  | "GE_CONTROL_MISMATCH"
  | "IEA_MISSING"
  | "IEA_COUNT_MISMATCH"
  | "IEA_CONTROL_MISMATCH"
  | "TRAILING_DATA";

export type X12Severity = "error" | "warning";

export interface ControlNumbers {
  /** ISA13 interchange control number. */
  isa: string | null;
  /** GS06 group control number. */
  gs: string | null;
  /** ST02 transaction set control number. */
  st: string | null;
}

/** The 997 codes for one problem: AK304 (segment), AK403 (element), AK502 (set), AK905 (group). */
export interface AckCodes {
  segment?: string;
  element?: string;
  set?: string;
  group?: string;
}

export interface X12ErrorDetails {
  code: X12ErrorCode;
  message: string;
  severity?: X12Severity;
  segmentId?: string | null;
  /** 1-based ordinal of the segment in its interchange (ISA = 1). */
  interchangePosition?: number | null;
  /** 1-based ordinal of the segment in its transaction set (ST = 1), as AK302 reports it. */
  setPosition?: number | null;
  /** 1-based element position in the segment (AK401). */
  elementPosition?: number | null;
  /** The element's raw value, copied into AK404. */
  elementValue?: string | null;
  controlNumbers?: Partial<ControlNumbers>;
  ack?: AckCodes;
}

export class X12Error extends Error {
  readonly code: X12ErrorCode;
  readonly severity: X12Severity;
  readonly segmentId: string | null;
  readonly interchangePosition: number | null;
  readonly setPosition: number | null;
  readonly elementPosition: number | null;
  readonly elementValue: string | null;
  readonly controlNumbers: ControlNumbers;
  readonly ack: AckCodes;

  constructor(d: X12ErrorDetails) {
    super(d.message);
    this.name = "X12Error";
    this.code = d.code;
    this.severity = d.severity ?? "error";
    this.segmentId = d.segmentId ?? null;
    this.interchangePosition = d.interchangePosition ?? null;
    this.setPosition = d.setPosition ?? null;
    this.elementPosition = d.elementPosition ?? null;
    this.elementValue = d.elementValue ?? null;
    this.controlNumbers = { isa: d.controlNumbers?.isa ?? null, gs: d.controlNumbers?.gs ?? null, st: d.controlNumbers?.st ?? null };
    this.ack = d.ack ?? {};
  }

  /** "ISA 000003438 / GS 1421 / ST 000000010 / segment 13 of the set (PO1), element 7" — for logs and issues. */
  get where(): string {
    const parts: string[] = [];
    if (this.controlNumbers.isa) parts.push(`ISA ${this.controlNumbers.isa}`);
    if (this.controlNumbers.gs) parts.push(`GS ${this.controlNumbers.gs}`);
    if (this.controlNumbers.st) parts.push(`ST ${this.controlNumbers.st}`);
    if (this.segmentId) {
      const pos = this.setPosition != null ? `segment ${this.setPosition} of the set` : this.interchangePosition != null ? `segment ${this.interchangePosition}` : "segment";
      parts.push(`${pos} (${this.segmentId})`);
    }
    if (this.elementPosition != null) parts.push(`element ${this.elementPosition}`);
    return parts.join(" / ");
  }

  toJSON() {
    return {
      code: this.code,
      severity: this.severity,
      message: this.message,
      segmentId: this.segmentId,
      interchangePosition: this.interchangePosition,
      setPosition: this.setPosition,
      elementPosition: this.elementPosition,
      elementValue: this.elementValue,
      controlNumbers: this.controlNumbers,
      ack: this.ack,
    };
  }
}
