/**
 * The X12 source adapter. `transform` reads a whole stored payload; `transformStream` reads a file stream one
 * transaction set at a time (flat memory for big files) and yields each set's records/issues, and at each
 * interchange end its envelope issues and, when asked, the 997 to send back.
 */
import type { CanonicalEntity, CanonicalRecord, RecordIssue, TransformResult } from "@/lib/domain/canonical/records";
import type { RawPayloadInput, SourceAdapter } from "../types";
import { buildAck997 } from "./ack-997";
import { x12ConfigSchema, type X12Config, type X12ConfigInput } from "./config";
import type { X12Error } from "./errors";
import type { InterchangeSummary, TransactionSet, X12Event } from "./model";
import { parseX12, readX12 } from "./reader";
import { SET_NAMES } from "./set-rules";
import { interchangeVersion, positionOf, rawSegment, type SetContext } from "./transactions/common";
import { INFORMATIONAL_SETS, SET_TRANSFORMS, type SetTransform } from "./transactions/index";

export interface X12TransformResult extends TransformResult {
  /** Informational lines (an 810 validated, a recovered terminator…): nothing to quarantine. */
  notes: string[];
}

export interface X12StreamChunk extends X12TransformResult {
  kind: "set" | "interchange" | "fatal";
  /** "ISA 000000905 / GS 1 / ST 0001" or "ISA 000000905". */
  position: string;
  /** The 997 for the interchange just finished (kind "interchange", when `ack` options were given). */
  ack: string | null;
}

export interface AckOptions {
  now: Date;
  /** ISA13/GS06 for the 997 of this received interchange. */
  controlNumbers: (received: InterchangeSummary) => { interchange: number; group: number };
}

const ENTITY_OF_SET: Record<string, CanonicalEntity> = {
  "846": "inventoryBalance",
  "850": "purchaseOrder",
  "855": "supplierAcknowledgement",
  "856": "asn",
  "940": "salesOrder",
  "944": "receipt",
  "945": "salesOrder",
};

const setName = (id: string) => (SET_NAMES[id] ? `${id} (${SET_NAMES[id]})` : id);

export function transformSet(set: TransactionSet, config: X12Config): X12TransformResult {
  const where = positionOf(set);
  const notes = set.warnings.map((w) => `${where}: ${w.message}`);
  const entity = ENTITY_OF_SET[set.id] ?? "unknown";
  const transform = SET_TRANSFORMS[set.id] as SetTransform | undefined;
  const unsupported: RecordIssue[] =
    transform || INFORMATIONAL_SETS.has(set.id)
      ? []
      : [{ entity: "unknown", position: where, field: "ST01", message: `unsupported transaction set ${set.id}${SET_NAMES[set.id] ? ` (${SET_NAMES[set.id]})` : ""}: parsed and validated, not turned into records`, raw: null }];
  if (set.status === "rejected") {
    const issues = set.errors.map((e) => errorIssue(set, e, entity));
    return { records: [], issues: [...unsupported, ...issues], notes };
  }
  if (!transform) {
    if (INFORMATIONAL_SETS.has(set.id)) notes.push(`${where}: transaction set ${setName(set.id)} parsed and validated (${set.status}); it carries no canonical record`);
    return { records: [], issues: unsupported, notes };
  }
  const ctx: SetContext = { set, config, version: interchangeVersion(set.interchange) };
  return { ...transform(ctx), notes };
}

function errorIssue(set: TransactionSet, e: X12Error, entity: CanonicalEntity | "unknown"): RecordIssue {
  const segment = e.setPosition != null ? set.segments[e.setPosition - 1] : undefined;
  const field = e.segmentId && e.elementPosition != null ? `${e.segmentId}${String(e.elementPosition).padStart(2, "0")}` : e.segmentId;
  return {
    entity,
    position: segment && segment.id === e.segmentId ? positionOf(set, segment) : `${positionOf(set)}${e.setPosition ? ` / segment ${e.setPosition} of the set (${e.segmentId})` : ""}`,
    field,
    message: `transaction set ${set.id} ${set.controlNumber} rejected: ${e.message}`,
    raw: segment ? rawSegment(set, segment) : null,
  };
}

/** Envelope problems of a finished interchange as issues (errors) and notes (warnings). */
export function interchangeResult(summary: InterchangeSummary): X12TransformResult {
  const where = summary.header.controlNumber ? `ISA ${summary.header.controlNumber}` : `interchange ${summary.header.ordinal}`;
  const errors = [...summary.errors, ...summary.groups.flatMap((g) => g.errors)];
  return {
    records: [],
    issues: errors.map((e) => ({ entity: "unknown" as const, position: e.controlNumbers.gs ? `${where} / GS ${e.controlNumbers.gs}` : where, field: e.segmentId, message: e.message, raw: null })),
    notes: summary.warnings.map((w) => `${where}: ${w.message}`),
  };
}

function fatalResult(error: X12Error): X12TransformResult {
  return { records: [], issues: [{ entity: "unknown", position: "payload", field: null, message: error.message, raw: null }], notes: [] };
}

function merge(into: X12TransformResult, part: X12TransformResult) {
  into.records.push(...part.records);
  into.issues.push(...part.issues);
  into.notes.push(...part.notes);
}

export function transformX12(body: string, configInput: X12ConfigInput | X12Config): X12TransformResult {
  const config = x12ConfigSchema.parse(configInput);
  const result: X12TransformResult = { records: [] as CanonicalRecord[], issues: [], notes: [] };
  const parsed = parseX12(body);
  for (const event of parsed.events) {
    if (event.type === "set") merge(result, transformSet(event.set, config));
    else if (event.type === "interchange-end") merge(result, interchangeResult(event.summary));
    else if (event.type === "fatal") merge(result, fatalResult(event.error));
  }
  return result;
}

export async function* transformStream(
  stream: AsyncIterable<string | Buffer | Uint8Array>,
  configInput: X12ConfigInput | X12Config,
  ack?: AckOptions,
): AsyncGenerator<X12StreamChunk> {
  const config = x12ConfigSchema.parse(configInput);
  for await (const event of readX12(stream) as AsyncGenerator<X12Event>) {
    if (event.type === "set") {
      yield { kind: "set", position: positionOf(event.set), ack: null, ...transformSet(event.set, config) };
    } else if (event.type === "interchange-end") {
      const summary = event.summary;
      let ackText: string | null = null;
      if (ack) {
        const numbers = ack.controlNumbers(summary);
        ackText = buildAck997({ summary, now: ack.now, interchangeControlNumber: numbers.interchange, groupControlNumber: numbers.group });
      }
      yield { kind: "interchange", position: `ISA ${summary.header.controlNumber ?? summary.header.ordinal}`, ack: ackText, ...interchangeResult(summary) };
    } else if (event.type === "fatal") {
      yield { kind: "fatal", position: "payload", ack: null, ...fatalResult(event.error) };
    }
  }
}

export const x12Adapter: SourceAdapter<X12Config> = {
  kind: "x12",
  configSchema: x12ConfigSchema as unknown as SourceAdapter<X12Config>["configSchema"],
  secretNames: [],
  transform(payload: RawPayloadInput, config: X12Config): X12TransformResult {
    return transformX12(payload.body, config);
  },
};
