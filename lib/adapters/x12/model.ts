/** What the reader hands out: segments, envelope headers, transaction sets and per-interchange summaries. */
import type { X12Error } from "./errors";
import type { Separators } from "./separators";

export interface X12Segment {
  id: string;
  /** elements[0] is the id; elements[n] is the n-th element (PO1 → elements[7] = PO107), raw as received. */
  elements: string[];
  /** 1-based ordinal in the interchange (ISA = 1). */
  position: number;
  /** 1-based ordinal in the transaction set (ST = 1), null outside a set. */
  setPosition: number | null;
}

export interface InterchangeHeader {
  /** 1-based index of the interchange in the file. */
  ordinal: number;
  /** false for a bare ST…SE set with no ISA/GS. */
  enveloped: boolean;
  controlNumber: string | null;
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA09 YYMMDD and ISA10 HHMM. */
  date: string;
  time: string;
  /** ISA11 as received (repetition separator from 00402, standards id "U" before). */
  isa11: string;
  version: string;
  ackRequested: string;
  usage: string;
  separators: Separators;
}

export interface GroupHeader {
  ordinal: number;
  functionalId: string;
  senderCode: string;
  receiverCode: string;
  date: string;
  time: string;
  controlNumber: string;
  agency: string;
  version: string;
}

export type SetStatus = "accepted" | "accepted-with-errors" | "rejected";

export interface TransactionSet {
  id: string;
  controlNumber: string;
  interchange: InterchangeHeader;
  group: GroupHeader | null;
  /** ST through SE (or through the last segment read when SE is missing). */
  segments: X12Segment[];
  errors: X12Error[];
  warnings: X12Error[];
  status: SetStatus;
}

/** The few facts about a set a 997 needs; kept per group while the sets themselves are released. */
export interface SetResult {
  id: string;
  controlNumber: string;
  status: SetStatus;
  errors: X12Error[];
  warnings: X12Error[];
}

export interface GroupSummary {
  header: GroupHeader;
  sets: SetResult[];
  /** GE problems (missing, count, control number). */
  errors: X12Error[];
}

export interface InterchangeSummary {
  header: InterchangeHeader;
  groups: GroupSummary[];
  /** Sets found outside any GS group. */
  looseSets: SetResult[];
  errors: X12Error[];
  warnings: X12Error[];
}

export type X12Event =
  | { type: "interchange-start"; interchange: InterchangeHeader }
  | { type: "set"; set: TransactionSet }
  | { type: "interchange-end"; summary: InterchangeSummary }
  /** The input cannot be read (any further): not X12, EDIFACT, malformed ISA, garbage after IEA. */
  | { type: "fatal"; error: X12Error };
