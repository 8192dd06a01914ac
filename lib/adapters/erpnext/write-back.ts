/**
 * EXPEDITE in ERPNext: the PO item's expected_delivery_date (allowed on submitted orders) ← the new promised date.
 * Frappe's PUT replaces a child table with the rows it is sent, so the whole `items` table goes back with one field
 * changed. Writing the same date twice changes nothing, so a retried action is harmless.
 */
import { z } from "zod";
import type { AdapterContext, WriteBackAction, WriteBackResult } from "@/lib/adapters/types";
import { ErpnextClient } from "./client";
import type { ErpnextConfig } from "./config";
import { frappeDate } from "./values";

const expeditePayload = z.object({ poNumber: z.string().min(1), lineNo: z.number().int().positive(), newPromisedDate: z.coerce.date() });

export async function writeBackErpnext(ctx: AdapterContext<ErpnextConfig>, action: WriteBackAction): Promise<WriteBackResult> {
  if (action.type !== "EXPEDITE") throw new Error(`The ERPNext adapter cannot write back ${action.type} actions (only EXPEDITE)`);
  const p = expeditePayload.parse(action.payload);
  const client = new ErpnextClient(ctx);
  const { data: order } = await client.get<{ docstatus: number; items: Array<Record<string, unknown>> }>("Purchase Order", p.poNumber);
  if (order.docstatus === 2) throw new Error(`Purchase Order ${p.poNumber} is cancelled`);
  const item = order.items.find((i) => i.idx === p.lineNo);
  if (!item) throw new Error(`Purchase Order ${p.poNumber} has no item ${p.lineNo}`);
  const date = frappeDate(p.newPromisedDate, ctx.config.utcOffset);
  const items = order.items.map((i) => (i === item ? { ...i, expected_delivery_date: date } : i));
  const { data: saved } = await client.put<{ modified: string; items: Array<Record<string, unknown>> }>("Purchase Order", p.poNumber, { items });
  const savedItem = saved.items.find((i) => i.idx === p.lineNo);
  return {
    externalRef: `Purchase Order/${p.poNumber}`,
    response: { modified: saved.modified, item: { name: savedItem?.name, idx: savedItem?.idx, expected_delivery_date: savedItem?.expected_delivery_date } },
  };
}
