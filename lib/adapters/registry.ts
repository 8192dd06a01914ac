/** Adapter kinds a DataSource can have. The ingestion core looks adapters up here; nothing else knows them. */
import type { SourceAdapter } from "./types";
import { demoAdapter } from "./demo/demo-adapter";
import { webhookAdapter } from "./webhook/webhook-adapter";
import { csvAdapter } from "./csv/csv-adapter";
import { odooAdapter } from "./odoo";
import { erpnextAdapter } from "./erpnext";
import { x12Adapter } from "./x12/x12-adapter";

export interface AdapterInfo {
  kind: string;
  label: string;
  /** pull = the worker fetches pages (Run sync); upload = files come from the browser; push = the source POSTs events. */
  modes: ("pull" | "upload" | "push")[];
  adapter: SourceAdapter<unknown>;
}

const ADAPTERS: AdapterInfo[] = [
  { kind: "demo", label: "Demo ERP (generated)", modes: ["pull"], adapter: demoAdapter as SourceAdapter<unknown> },
  { kind: "odoo", label: "Odoo (JSON-RPC)", modes: ["pull"], adapter: odooAdapter as SourceAdapter<unknown> },
  { kind: "erpnext", label: "ERPNext (REST)", modes: ["pull"], adapter: erpnextAdapter as SourceAdapter<unknown> },
  { kind: "x12", label: "X12 EDI (850, 855, 856, 846, 944, 940/945, 810)", modes: ["upload"], adapter: x12Adapter as SourceAdapter<unknown> },
  { kind: "csv", label: "CSV / Excel file upload", modes: ["upload"], adapter: csvAdapter as SourceAdapter<unknown> },
  { kind: "webhook", label: "Webhook events (HMAC-signed)", modes: ["push"], adapter: webhookAdapter as SourceAdapter<unknown> },
];

export function adapterInfo(kind: string): AdapterInfo {
  const info = ADAPTERS.find((a) => a.kind === kind);
  if (!info) throw new Error(`No adapter for source kind '${kind}'`);
  return info;
}

export const ADAPTER_KINDS = () => ADAPTERS.map(({ kind, label, modes }) => ({ kind, label, modes }));
