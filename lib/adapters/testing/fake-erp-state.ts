/**
 * The fake ERP server's in-memory world: an Odoo database and an ERPNext site seeded from JSON fixtures, a clock that
 * only moves when something changes (so write_date/modified stay deterministic), injected faults, and logs of every
 * request and every write-back call. Tests mutate it directly to simulate users editing the ERP.
 */
import odooFixture from "./fixtures/odoo.json";
import erpnextFixture from "./fixtures/erpnext.json";
import type { OdooRow, OdooValue } from "./odoo-domain";

export type ErpDoc = Record<string, unknown> & { name: string };

export interface FakeCredentials {
  odoo: { database: string; login: string; apiKey: string; uid: number };
  erpnext: { apiKey: string; apiSecret: string };
}

export const DEFAULT_FAKE_CREDENTIALS: FakeCredentials = {
  odoo: { database: "aw-demo", login: "integration@adventure-works.example", apiKey: "odoo-fake-api-key", uid: 7 },
  erpnext: { apiKey: "erp-fake-key", apiSecret: "erp-fake-secret" },
};

export interface WriteLogEntry {
  system: "odoo" | "erpnext";
  /** Odoo model or ERPNext doctype. */
  target: string;
  /** Odoo method (write, create, action_apply_inventory) or HTTP method (PUT). */
  method: string;
  /** Odoo record ids or the ERPNext document name. */
  ids: Array<number | string>;
  payload: unknown;
  context?: unknown;
  at: string;
}

export interface RequestLogEntry {
  system: "odoo" | "erpnext" | "unknown";
  method: string;
  path: string;
  /** Odoo model + method, or ERPNext doctype. */
  detail: string;
  status: number;
}

/**
 * An injected fault, taken by the next request(s):
 *   status    — answer that HTTP status with an HTML error page (503, 500, 429 with Retry-After…);
 *   hang      — accept the request and never answer (the client's timeout must fire);
 *   malformed — answer 200 with a truncated JSON body (a proxy cut it off, the source crashed mid-write);
 *   slow      — answer normally after `delayMs`.
 */
export type FaultMode = "status" | "hang" | "malformed" | "slow";

export interface Fault {
  mode: FaultMode;
  remaining: number;
  status: number;
  retryAfterSeconds: number | null;
  delayMs: number;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class FakeErpState {
  readonly credentials: FakeCredentials;
  readonly odoo: { database: string; models: Record<string, OdooRow[]> };
  readonly erpnext: { doctypes: Record<string, ErpDoc[]> };
  readonly writeLog: WriteLogEntry[] = [];
  readonly requestLog: RequestLogEntry[] = [];
  private faults: Fault[] = [];
  private lostResponses: { detail: string; remaining: number }[] = [];
  private clockMs: number;

  constructor(options: { credentials?: FakeCredentials; clockStart?: string } = {}) {
    this.credentials = options.credentials ?? DEFAULT_FAKE_CREDENTIALS;
    this.odoo = { database: this.credentials.odoo.database, models: clone(odooFixture.models) as unknown as Record<string, OdooRow[]> };
    this.erpnext = { doctypes: clone(erpnextFixture.doctypes) as unknown as Record<string, ErpDoc[]> };
    this.clockMs = Date.parse(`${options.clockStart ?? "2025-03-20T12:00:00"}Z`);
  }

  /** The next `count` requests (either protocol) fail with `status` (503, 429, 502…) before auth is checked. */
  failNext(count: number, status = 503, retryAfterSeconds: number | null = status === 429 ? 0 : null): void {
    this.faults.push({ mode: "status", remaining: count, status, retryAfterSeconds, delayMs: 0 });
  }

  /** The next `count` requests are accepted and never answered (until the server closes). */
  hangNext(count: number): void {
    this.faults.push({ mode: "hang", remaining: count, status: 0, retryAfterSeconds: null, delayMs: 0 });
  }

  /** The next `count` requests are answered 200 with a truncated, unparseable JSON body. */
  malformNext(count: number): void {
    this.faults.push({ mode: "malformed", remaining: count, status: 200, retryAfterSeconds: null, delayMs: 0 });
  }

  /** The next `count` requests are answered normally, each after `delayMs`. */
  slowNext(count: number, delayMs: number): void {
    this.faults.push({ mode: "slow", remaining: count, status: 200, retryAfterSeconds: null, delayMs });
  }

  /** Drops every fault not yet taken. */
  clearFaults(): void {
    this.faults = [];
  }

  /**
   * The next `count` requests whose detail (Odoo "model.method", ERPNext "Doctype/name") equals `detail` are APPLIED, then the
   * connection is dropped before the answer is sent: the "lost response" a retry must not apply twice.
   */
  loseResponseOf(detail: string, count = 1): void {
    this.lostResponses.push({ detail, remaining: count });
  }

  private delayedResponses: { detail: string; remaining: number; ms: number }[] = [];

  /** The next `count` requests whose detail equals `detail` are APPLIED at once and answered `ms` later. */
  delayResponseOf(detail: string, ms: number, count = 1): void {
    this.delayedResponses.push({ detail, remaining: count, ms });
  }

  /** Consumed by the server after it handled a request: the delay before answering, 0 for none. */
  takeResponseDelay(detail: string): number {
    const i = this.delayedResponses.findIndex((l) => l.detail === detail);
    if (i === -1) return 0;
    const d = this.delayedResponses[i];
    d.remaining -= 1;
    if (d.remaining <= 0) this.delayedResponses.splice(i, 1);
    return d.ms;
  }

  /** Consumed by the server after it handled a request: true = drop the connection instead of answering. */
  takeLostResponse(detail: string): boolean {
    const i = this.lostResponses.findIndex((l) => l.detail === detail);
    if (i === -1) return false;
    const lost = this.lostResponses[i];
    lost.remaining -= 1;
    if (lost.remaining <= 0) this.lostResponses.splice(i, 1);
    return true;
  }

  /** Consumed by the server for each request. */
  takeFault(): Fault | null {
    const fault = this.faults[0];
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.shift();
    return fault;
  }

  /** Advances the clock one second and returns it as Odoo writes it ("YYYY-MM-DD HH:MM:SS", UTC). */
  tickOdoo(): string {
    this.clockMs += 1000;
    return new Date(this.clockMs).toISOString().replace("T", " ").slice(0, 19);
  }

  /** Advances the clock one second and returns it as Frappe writes `modified` (microseconds). */
  tickErpnext(): string {
    this.clockMs += 1000;
    return `${new Date(this.clockMs).toISOString().replace("T", " ").slice(0, 19)}.000000`;
  }

  odooRows(model: string): OdooRow[] {
    const rows = this.odoo.models[model];
    if (!rows) throw new Error(`fake Odoo has no model ${model}`);
    return rows;
  }

  odooRow(model: string, id: number): OdooRow | undefined {
    return this.odoo.models[model]?.find((r) => r.id === id);
  }

  /** Simulates a user editing an Odoo record: applies changes and bumps write_date. Returns the new write_date. */
  touchOdoo(model: string, id: number, changes: Record<string, OdooValue> = {}): string {
    const row = this.odooRow(model, id);
    if (!row) throw new Error(`fake Odoo has no ${model} id ${id}`);
    Object.assign(row, changes);
    row.write_date = this.tickOdoo();
    return row.write_date;
  }

  /** Adds a new Odoo record with the next id and a fresh write_date. */
  createOdoo(model: string, values: Record<string, OdooValue>): OdooRow {
    const rows = this.odooRows(model);
    const id = Math.max(0, ...rows.map((r) => r.id)) + 1;
    const row: OdooRow = { ...values, id, write_date: this.tickOdoo() };
    rows.push(row);
    return row;
  }

  erpDocs(doctype: string): ErpDoc[] {
    const docs = this.erpnext.doctypes[doctype];
    if (!docs) throw new Error(`fake ERPNext has no doctype ${doctype}`);
    return docs;
  }

  erpDoc(doctype: string, name: string): ErpDoc | undefined {
    return this.erpnext.doctypes[doctype]?.find((d) => d.name === name);
  }

  /** Simulates a user editing an ERPNext document: applies changes and bumps modified. Returns the new modified. */
  touchErpnext(doctype: string, name: string, changes: Record<string, unknown> = {}): string {
    const doc = this.erpDoc(doctype, name);
    if (!doc) throw new Error(`fake ERPNext has no ${doctype} ${name}`);
    Object.assign(doc, changes);
    doc.modified = this.tickErpnext();
    return doc.modified as string;
  }
}
