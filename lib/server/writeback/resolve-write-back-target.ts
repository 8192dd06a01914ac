/**
 * Which source system an approved action goes to, and the business keys it is sent with. The target is the
 * system the affected record came from: the PO's sourceSystem for an expedite, the item-location balance's for
 * stock actions (the sending site's for a transfer), a transfer order's when the case is about a transfer and no
 * balance exists. Ingestion stores DataSource.code in sourceSystem; an id or name is accepted too.
 */
import type { Prisma } from "@/lib/server/generated/prisma/client";
import { adapterInfo } from "@/lib/adapters/registry";
import type { WriteBackFacts } from "@/lib/domain/writeback/build-write-back-request";
import type { ActionType } from "@/lib/domain/score/config";

type Tx = Prisma.TransactionClient;

export interface WriteBackTarget {
  facts: WriteBackFacts;
  /** The sourceSystem value of the affected record (null when no record could be found). */
  sourceSystem: string | null;
  source: { id: string; code: string; kind: string; enabled: boolean } | null;
  /** Why this action cannot be sent anywhere (null = it can be attempted). */
  blocker: string | null;
}

type ActionWithCase = {
  id: string;
  type: ActionType;
  payload: unknown;
  case: {
    number: number;
    causeKey: string;
    siteId: string;
    itemId: string | null;
    site: { code: string };
    item: { sku: string } | null;
    exceptions: { type: string; evidence: unknown }[];
  };
};

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The PO line behind the case: its cause key (poline:<id>) or the first evidence naming one. */
async function findPoLine(tx: Tx, action: ActionWithCase) {
  const ids: string[] = [];
  if (action.case.causeKey.startsWith("poline:")) ids.push(action.case.causeKey.slice("poline:".length));
  for (const e of action.case.exceptions) {
    const id = asRecord(e.evidence).poLineId;
    if (typeof id === "string" && id) ids.push(id);
  }
  for (const id of ids) {
    const line = await tx.purchaseOrderLine.findUnique({ where: { id }, select: { lineNo: true, purchaseOrder: { select: { number: true, sourceSystem: true } } } });
    if (line) return line;
  }
  return null;
}

async function balanceSource(tx: Tx, itemId: string | null, locationId: string | null): Promise<string | null> {
  if (!itemId || !locationId) return null;
  const b = await tx.inventoryBalance.findUnique({ where: { itemId_locationId: { itemId, locationId } }, select: { sourceSystem: true } });
  return b?.sourceSystem ?? null;
}

async function transferSource(tx: Tx, action: ActionWithCase): Promise<string | null> {
  for (const e of action.case.exceptions) {
    const id = asRecord(e.evidence).transferOrderId;
    if (typeof id !== "string" || !id) continue;
    const t = await tx.transferOrder.findUnique({ where: { id }, select: { sourceSystem: true } });
    if (t) return t.sourceSystem;
  }
  return null;
}

export async function resolveWriteBackTarget(tx: Tx, action: ActionWithCase): Promise<WriteBackTarget> {
  const payload = asRecord(action.payload);
  const fromLocationId = typeof payload.fromLocationId === "string" ? payload.fromLocationId : null;
  const from = fromLocationId ? await tx.location.findUnique({ where: { id: fromLocationId }, select: { code: true } }) : null;
  const poLine = action.type === "EXPEDITE" ? await findPoLine(tx, action) : null;

  let sourceSystem: string | null;
  if (action.type === "EXPEDITE") sourceSystem = poLine?.purchaseOrder.sourceSystem ?? null;
  else if (action.type === "TRANSFER") sourceSystem = (await balanceSource(tx, action.case.itemId, fromLocationId)) ?? (await balanceSource(tx, action.case.itemId, action.case.siteId));
  else sourceSystem = (await balanceSource(tx, action.case.itemId, action.case.siteId)) ?? (await transferSource(tx, action));

  const facts: WriteBackFacts = {
    actionId: action.id,
    actionType: action.type,
    payload,
    caseNumber: action.case.number,
    siteCode: action.case.site.code,
    sku: action.case.item?.sku ?? null,
    poLine: poLine ? { poNumber: poLine.purchaseOrder.number, lineNo: poLine.lineNo } : null,
    fromLocationCode: from?.code ?? null,
    evidence: action.case.exceptions.map((e) => ({ type: e.type, evidence: asRecord(e.evidence) })),
  };

  if (!sourceSystem) {
    return { facts, sourceSystem, source: null, blocker: "No source record was found for this action, so there is no system to write it back to. Close the case with a reason." };
  }
  const source = await tx.dataSource.findFirst({
    where: { OR: [{ code: sourceSystem }, { id: sourceSystem }, { name: sourceSystem }] },
    select: { id: true, code: true, kind: true, enabled: true },
  });
  if (!source) {
    return { facts, sourceSystem, source, blocker: `The record came from "${sourceSystem}", which is not a configured data source, so it cannot receive write-backs. Close the case with a reason.` };
  }
  return { facts, sourceSystem, source, blocker: sourceCannotReceive(source) };
}

/** Null when the source's adapter can apply actions; else the message shown on the case. */
export function sourceCannotReceive(source: { code: string; kind: string }): string | null {
  let writes = false;
  try {
    writes = typeof adapterInfo(source.kind).adapter.writeBack === "function";
  } catch {
    writes = false;
  }
  return writes ? null : `Source ${source.code} (${source.kind}) cannot receive write-backs: this source cannot receive write-backs; close the case with a reason.`;
}
