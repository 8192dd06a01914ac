/**
 * An approved case action → the request its source system receives. Our action payload names rows by our ids
 * (quantity, fromLocationId, targetDate); a source only knows business keys (PO number + line, SKU, location code),
 * so the server resolves those facts and this pure function assembles and checks the request.
 * The idempotency key is the action id: however often the request is sent, the source applies it once.
 */
import type { ActionType } from "@/lib/domain/score/config";

/** Structurally the adapters' WriteBackAction (lib/adapters/types.ts), kept here so the domain stays dependency-free. */
export interface WriteBackRequest {
  idempotencyKey: string;
  type: ActionType;
  payload: Record<string, unknown>;
}

export interface WriteBackFacts {
  actionId: string;
  actionType: ActionType;
  /** CaseAction.payload as stored (validated by proposeActionSchema when proposed). */
  payload: Record<string, unknown>;
  caseNumber: number;
  /** The case's site: the location the action is for. */
  siteCode: string;
  /** The case's item, when it has one. */
  sku: string | null;
  /** The PO line an expedite moves (from the case's cause or its evidence). */
  poLine: { poNumber: string; lineNo: number } | null;
  /** Code of payload.fromLocationId (transfers). */
  fromLocationCode: string | null;
  /** The case's findings, root cause first: lot, sales order and adjustment direction come from their evidence. */
  evidence: ReadonlyArray<{ type: string; evidence: Record<string, unknown> }>;
}

export type BuildWriteBackResult = { ok: true; request: WriteBackRequest } | { ok: false; error: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const positiveInt = (v: unknown): number | null => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : null);
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** First string value of `key` in the evidence, root cause first. */
function fromEvidence(facts: WriteBackFacts, key: string, types?: readonly string[]): string | null {
  for (const e of facts.evidence) {
    if (types && !types.includes(e.type)) continue;
    const v = text(e.evidence[key]);
    if (v) return v;
  }
  return null;
}

/** A date-only target means midnight UTC of that day; anything unparseable is refused. */
function isoDateTime(v: unknown): string | null {
  const s = text(v);
  if (!s || !ISO_DATE.test(s)) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00.000Z` : s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * Signed adjustment. The proposal's quantity is a size; the direction is an explicit signed `qtyDelta` when the
 * payload has one, else the sign of the first variance in the evidence (a count or a transfer receipt that came
 * in below the record means the record is too high), else an increase (negative on-hand, missing stock found).
 */
export function adjustmentDelta(facts: Pick<WriteBackFacts, "payload" | "evidence">, quantity: number): number {
  const explicit = facts.payload.qtyDelta;
  if (typeof explicit === "number" && Number.isFinite(explicit) && explicit !== 0) return explicit;
  for (const e of facts.evidence) {
    const delta = e.evidence.delta;
    if (typeof delta === "number" && Number.isFinite(delta) && delta !== 0) return Math.sign(delta) * quantity;
  }
  return quantity;
}

export function buildWriteBackRequest(facts: WriteBackFacts): BuildWriteBackResult {
  const quantity = positiveInt(facts.payload.quantity);
  if (quantity === null) return { ok: false, error: "The approved action has no positive whole quantity." };
  const base = { caseNumber: facts.caseNumber, quantity };
  const make = (payload: Record<string, unknown>): BuildWriteBackResult => ({
    ok: true,
    request: { idempotencyKey: facts.actionId, type: facts.actionType, payload: { ...base, ...payload } },
  });
  const needSku = (): string | null => facts.sku;

  switch (facts.actionType) {
    case "EXPEDITE": {
      if (!facts.poLine) return { ok: false, error: "No purchase order line is linked to this case, so there is nothing to expedite in the source." };
      const newPromisedDate = isoDateTime(facts.payload.targetDate ?? facts.payload.newDate);
      if (!newPromisedDate) return { ok: false, error: "The expedite has no valid target date." };
      return make({ poNumber: facts.poLine.poNumber, lineNo: facts.poLine.lineNo, newPromisedDate });
    }
    case "TRANSFER": {
      const sku = needSku();
      if (!sku) return { ok: false, error: "The case has no item, so the transfer has no SKU." };
      if (!facts.fromLocationCode) return { ok: false, error: "The transfer has no source location." };
      if (facts.fromLocationCode === facts.siteCode) return { ok: false, error: `A transfer needs two different locations (both are ${facts.siteCode}).` };
      return make({ sku, fromLocationCode: facts.fromLocationCode, toLocationCode: facts.siteCode });
    }
    case "REALLOCATE": {
      const sku = needSku();
      if (!sku) return { ok: false, error: "The case has no item, so the reallocation has no SKU." };
      return make({ sku, locationCode: facts.siteCode, soNumber: fromEvidence(facts, "soNumber") });
    }
    case "RECOUNT": {
      const sku = needSku();
      if (!sku) return { ok: false, error: "The case has no item, so the recount has no SKU." };
      return make({ sku, locationCode: facts.siteCode });
    }
    case "HOLD": {
      const sku = needSku();
      if (!sku) return { ok: false, error: "The case has no item, so the hold has no SKU." };
      return make({ sku, locationCode: facts.siteCode, lot: fromEvidence(facts, "lot", ["QUALITY_LOT_HOLD_BLOCKING", "EXPIRY_RISK"]) });
    }
    case "ADJUST": {
      const sku = needSku();
      if (!sku) return { ok: false, error: "The case has no item, so the adjustment has no SKU." };
      const lot = fromEvidence(facts, "lot", ["QUALITY_LOT_HOLD_BLOCKING", "EXPIRY_RISK"]);
      return make({ sku, locationCode: facts.siteCode, qtyDelta: adjustmentDelta(facts, quantity), ...(lot ? { lot } : {}) });
    }
    default:
      return { ok: false, error: `Unknown action type ${String(facts.actionType)}.` };
  }
}
