/**
 * The Odoo half of the fake server: `POST /jsonrpc` with the JSON-RPC 2.0 envelope Odoo uses — `common.authenticate`
 * (false on bad credentials), `object.execute_kw` with search_read / search / read / write / create /
 * action_apply_inventory, and errors as Odoo serialises them (HTTP 200 with an `error` object whose `data.name` is the
 * Python exception class).
 */
import type { FakeErpState } from "./fake-erp-state";
import { DomainError, matchesDomain, sortRows, type DomainTerm, type OdooRow, type OdooValue, type RelationResolver } from "./odoo-domain";

/** Many2one field → target model, for dotted domain paths. */
const RELATIONS: Record<string, string> = {
  product_id: "product.product",
  location_id: "stock.location",
  location_dest_id: "stock.location",
  lot_stock_id: "stock.location",
  view_location_id: "stock.location",
  warehouse_id: "stock.warehouse",
  lot_id: "stock.lot",
  order_id: "purchase.order",
  partner_id: "res.partner",
  picking_id: "stock.picking",
  picking_type_id: "stock.picking.type",
  purchase_line_id: "purchase.order.line",
  uom_id: "uom.uom",
  product_uom_id: "uom.uom",
};

/** Fields Odoo computes or stores on every model even when the fixture rows do not carry them. */
const ALWAYS_READABLE = ["id", "display_name", "write_date", "create_date"];
/** Writable-but-rarely-seeded fields per model. */
const EXTRA_FIELDS: Record<string, string[]> = {
  "stock.quant": ["inventory_quantity", "inventory_diff_quantity", "inventory_quantity_set"],
  "stock.move": ["name"],
};

class OdooException extends Error {
  constructor(
    readonly exceptionName: string,
    message: string,
  ) {
    super(message);
  }
}

interface RpcRequest {
  jsonrpc?: string;
  method?: string;
  id?: unknown;
  params?: { service?: string; method?: string; args?: unknown[] };
}

export function handleOdooRpc(state: FakeErpState, rawBody: string): { body: string; detail: string } {
  let request: RpcRequest;
  try {
    request = JSON.parse(rawBody) as RpcRequest;
  } catch {
    return { body: JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }), detail: "parse error" };
  }
  const id = request.id ?? null;
  const { service, method, args = [] } = request.params ?? {};
  const detail = service === "object" ? `${String(args[3])}.${String(args[4])}` : `${service}.${method}`;
  try {
    const result = dispatch(state, service, method, args);
    return { body: JSON.stringify({ jsonrpc: "2.0", id, result: result === undefined ? null : result }), detail };
  } catch (err) {
    const e = err instanceof OdooException ? err : new OdooException(err instanceof DomainError ? "builtins.ValueError" : "builtins.Exception", (err as Error).message);
    const error = {
      code: 200,
      message: "Odoo Server Error",
      data: { name: e.exceptionName, debug: `Traceback (most recent call last):\n  ...\n${e.exceptionName}: ${e.message}\n`, message: e.message, arguments: [e.message], context: {} },
    };
    return { body: JSON.stringify({ jsonrpc: "2.0", id, error }), detail };
  }
}

function dispatch(state: FakeErpState, service: string | undefined, method: string | undefined, args: unknown[]): unknown {
  const creds = state.credentials.odoo;
  if (service === "common" && method === "version") return { server_version: "17.0", server_version_info: [17, 0, 0, "final", 0, ""], protocol_version: 1 };
  if (service === "common" && method === "authenticate") {
    const [db, login, key] = args;
    if (db !== state.odoo.database) throw new OdooException("odoo.exceptions.AccessDenied", `database "${String(db)}" does not exist`);
    return login === creds.login && key === creds.apiKey ? creds.uid : false;
  }
  if (service === "object" && method === "execute_kw") {
    const [db, uid, key, model, modelMethod, positional = [], kwargs = {}] = args as [string, number, string, string, string, unknown[], Record<string, unknown>];
    if (db !== state.odoo.database || uid !== creds.uid || key !== creds.apiKey) throw new OdooException("odoo.exceptions.AccessDenied", "Access Denied");
    if (!state.odoo.models[model]) throw new OdooException("builtins.KeyError", `'${model}'`);
    return executeKw(state, model, modelMethod, positional, kwargs);
  }
  throw new OdooException("builtins.NotImplementedError", `The method ${String(service)}.${String(method)} does not exist`);
}

function executeKw(state: FakeErpState, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const context = (kwargs.context ?? {}) as Record<string, unknown>;
  switch (method) {
    case "search_read": {
      const domain = (args[0] ?? kwargs.domain ?? []) as DomainTerm[];
      const fields = (args[1] ?? kwargs.fields) as string[] | undefined;
      const rows = search(state, model, domain, kwargs);
      return rows.map((r) => project(model, r, fields, state));
    }
    case "search":
      return search(state, model, (args[0] ?? kwargs.domain ?? []) as DomainTerm[], kwargs).map((r) => r.id);
    case "search_count":
      return search(state, model, (args[0] ?? []) as DomainTerm[], {}).length;
    case "read": {
      const ids = args[0] as number[];
      const fields = (args[1] ?? kwargs.fields) as string[] | undefined;
      return ids.map((i) => project(model, existing(state, model, i), fields, state));
    }
    case "write": {
      const [ids, values] = args as [number[], Record<string, OdooValue>];
      for (const i of ids) checkFields(model, existing(state, model, i), Object.keys(values), state);
      for (const i of ids) state.touchOdoo(model, i, resolveMany2one(state, values));
      state.writeLog.push({ system: "odoo", target: model, method, ids, payload: values, context, at: state.tickOdoo() });
      return true;
    }
    case "create": {
      const values = args[0] as Record<string, OdooValue>;
      const row = state.createOdoo(model, { ...defaultsFor(model), ...resolveMany2one(state, values) });
      state.writeLog.push({ system: "odoo", target: model, method, ids: [row.id], payload: values, context, at: row.write_date as string });
      return row.id;
    }
    case "action_apply_inventory": {
      if (model !== "stock.quant") throw new OdooException("builtins.AttributeError", `'${model}' object has no attribute 'action_apply_inventory'`);
      const ids = args[0] as number[];
      const moves = ids.map((i) => applyInventory(state, existing(state, model, i), context));
      state.writeLog.push({ system: "odoo", target: model, method, ids, payload: { moveIds: moves }, context, at: state.tickOdoo() });
      return null;
    }
    default:
      throw new OdooException("builtins.AttributeError", `The method '${method}' does not exist on the model '${model}'`);
  }
}

function search(state: FakeErpState, model: string, domain: DomainTerm[], kwargs: Record<string, unknown>): OdooRow[] {
  const resolve: RelationResolver = (_m, field, relId) => {
    const target = RELATIONS[field];
    const row = target ? state.odooRow(target, relId) : undefined;
    return target && row ? { model: target, row } : null;
  };
  const matched = state.odooRows(model).filter((r) => matchesDomain(model, r, domain, resolve) && !hiddenArchived(r, domain, kwargs));
  const sorted = sortRows(matched, kwargs.order as string | undefined);
  const offset = Number(kwargs.offset ?? 0);
  const limit = kwargs.limit === undefined || kwargs.limit === null || kwargs.limit === false ? undefined : Number(kwargs.limit);
  return sorted.slice(offset, limit === undefined ? undefined : offset + limit);
}

/** Odoo's active_test: archived rows (active = false) are left out unless the domain or context asks for them. */
function hiddenArchived(row: OdooRow, domain: DomainTerm[], kwargs: Record<string, unknown>): boolean {
  const context = (kwargs.context ?? {}) as Record<string, unknown>;
  const mentionsActive = domain.some((t) => Array.isArray(t) && t[0] === "active");
  return row.active === false && context.active_test !== false && !mentionsActive;
}

function knownFields(model: string, state: FakeErpState): Set<string> {
  const set = new Set([...ALWAYS_READABLE, ...(EXTRA_FIELDS[model] ?? [])]);
  for (const r of state.odooRows(model)) for (const k of Object.keys(r)) set.add(k);
  return set;
}

function checkFields(model: string, _row: OdooRow, fields: string[], state: FakeErpState): void {
  const known = knownFields(model, state);
  const bad = fields.filter((f) => !known.has(f));
  if (bad.length) throw new OdooException("builtins.ValueError", `Invalid field ${bad.map((f) => `'${f}'`).join(", ")} on model '${model}'`);
}

function project(model: string, row: OdooRow, fields: string[] | undefined, state: FakeErpState): Record<string, OdooValue> {
  const wanted = fields && fields.length ? fields : [...knownFields(model, state)];
  checkFields(model, row, wanted, state);
  const out: Record<string, OdooValue> = { id: row.id };
  for (const f of wanted) out[f] = f in row ? row[f] : f === "display_name" ? String(row.name ?? row.id) : false;
  return out;
}

function existing(state: FakeErpState, model: string, id: number): OdooRow {
  const row = state.odooRow(model, id);
  if (!row) throw new OdooException("odoo.exceptions.MissingError", `Record does not exist or has been deleted.\n(Record: ${model}(${id},), User: ${state.credentials.odoo.uid})`);
  return row;
}

/** Writes pass Many2one fields as bare ids; store them as [id, display name] like reads return them. */
function resolveMany2one(state: FakeErpState, values: Record<string, OdooValue>): Record<string, OdooValue> {
  const out: Record<string, OdooValue> = {};
  for (const [k, v] of Object.entries(values)) {
    const target = RELATIONS[k];
    if (target && typeof v === "number") {
      const row = state.odooRow(target, v);
      if (!row) throw new OdooException("odoo.exceptions.MissingError", `Record does not exist or has been deleted.\n(Record: ${target}(${v},))`);
      out[k] = [v, String(row.display_name ?? row.name ?? v)];
    } else out[k] = v;
  }
  return out;
}

function defaultsFor(model: string): Record<string, OdooValue> {
  if (model === "stock.quant") return { quantity: 0, reserved_quantity: 0, lot_id: false, package_id: false, owner_id: false, inventory_quantity: 0, inventory_quantity_set: false };
  return {};
}

/** Moves the quant to its counted quantity through an inventory-adjustment stock.move, as stock.quant._apply_inventory does. */
function applyInventory(state: FakeErpState, quant: OdooRow, context: Record<string, unknown>): number {
  const counted = Number(quant.inventory_quantity ?? 0);
  const diff = counted - Number(quant.quantity ?? 0);
  const adjustment = state.odooRows("stock.location").find((l) => l.usage === "inventory");
  const name = typeof context.inventory_name === "string" ? context.inventory_name : diff === 0 ? "Product Quantity Confirmed" : "Product Quantity Updated";
  const quantLocation = quant.location_id as OdooValue[];
  const adjustmentLocation: OdooValue = adjustment ? [adjustment.id, String(adjustment.complete_name)] : false;
  const move = state.createOdoo("stock.move", {
    name,
    product_id: quant.product_id,
    product_uom_qty: Math.abs(diff),
    quantity: Math.abs(diff),
    uom_id: [1, "Units"],
    location_id: diff >= 0 ? adjustmentLocation : quantLocation,
    location_dest_id: diff >= 0 ? quantLocation : adjustmentLocation,
    picking_id: false,
    picking_type_id: false,
    picking_code: false,
    date: state.tickOdoo(),
    date_deadline: false,
    state: "done",
    origin: false,
    purchase_line_id: false,
    is_inventory: true,
  });
  state.touchOdoo("stock.quant", quant.id, { quantity: counted, inventory_quantity: 0, inventory_quantity_set: false, inventory_diff_quantity: 0 });
  return move.id;
}
