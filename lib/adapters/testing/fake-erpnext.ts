/**
 * The ERPNext half of the fake server: Frappe's REST API — `GET /api/resource/<DocType>` lists as {"data": [...]}
 * with fields / filters / or_filters / order_by / limit_start / limit_page_length, `GET …/<name>` whole documents with child
 * tables as {"data": {...}}, `PUT …/<name>` updates (a child table sent is the new table, as Document.update does),
 * token auth (401 AuthenticationError) and Frappe's error bodies.
 */
import type { ErpDoc, FakeErpState } from "./fake-erp-state";

export interface ErpResponse {
  status: number;
  body: string;
  detail: string;
}

/** Child-table fields per doctype: not returned by list queries. */
const CHILD_TABLES: Record<string, string[]> = { "Purchase Order": ["items"] };

export function handleErpnext(state: FakeErpState, method: string, url: URL, authorization: string | undefined, rawBody: string): ErpResponse {
  const segments = url.pathname.split("/").slice(3).map(decodeURIComponent); // ["", "api", "resource", doctype, name?]
  const [doctype, name] = segments;
  const detail = name ? `${doctype}/${name}` : doctype;
  const { apiKey, apiSecret } = state.credentials.erpnext;
  if (authorization !== `token ${apiKey}:${apiSecret}`) {
    return frappeError(401, "AuthenticationError", "Invalid Authentication Token", detail);
  }
  const docs = state.erpnext.doctypes[doctype];
  if (!docs) return frappeError(404, "DoesNotExistError", `DocType ${doctype} not found`, detail);
  try {
    if (method === "GET" && !name) return ok({ data: list(state, doctype, docs, url.searchParams) }, detail);
    const doc = docs.find((d) => d.name === name);
    if (!doc) return frappeError(404, "DoesNotExistError", `${doctype} ${name} not found`, detail);
    if (method === "GET") return ok({ data: doc }, detail);
    if (method === "PUT") return ok({ data: update(state, doctype, doc, JSON.parse(rawBody) as Record<string, unknown>) }, detail);
    return frappeError(405, "MethodNotAllowed", `${method} not allowed`, detail);
  } catch (err) {
    return frappeError(417, "ValidationError", (err as Error).message, detail);
  }
}

function ok(payload: unknown, detail: string): ErpResponse {
  return { status: 200, body: JSON.stringify(payload), detail };
}

function frappeError(status: number, excType: string, message: string, detail: string): ErpResponse {
  const body = {
    exc_type: excType,
    exception: `frappe.exceptions.${excType}: ${message}`,
    exc: JSON.stringify([`Traceback (most recent call last):\n  ...\nfrappe.exceptions.${excType}: ${message}\n`]),
    _server_messages: JSON.stringify([JSON.stringify({ message, title: "Message", indicator: "red" })]),
  };
  return { status, body: JSON.stringify(body), detail };
}

function list(state: FakeErpState, doctype: string, docs: ErpDoc[], params: URLSearchParams): Record<string, unknown>[] {
  const fields = parseJson<string[]>(params.get("fields"), ["name"]);
  const filters = normaliseFilters(parseJson<unknown>(params.get("filters"), []));
  const orFilters = normaliseFilters(parseJson<unknown>(params.get("or_filters"), []));
  const orderBy = params.get("order_by") ?? "modified desc";
  const start = Number(params.get("limit_start") ?? 0);
  const pageLength = Number(params.get("limit_page_length") ?? 20);
  const test = ([f, op, v]: [string, string, unknown], d: ErpDoc) => matches(d[f], op, v, f, doctype);
  const matched = docs.filter((d) => filters.every((f) => test(f, d)) && (orFilters.length === 0 || orFilters.some((f) => test(f, d))));
  const sorted = sortDocs(matched, orderBy);
  const page = pageLength === 0 ? sorted.slice(start) : sorted.slice(start, start + pageLength);
  const children = CHILD_TABLES[doctype] ?? [];
  return page.map((d) => {
    const wanted = fields.includes("*") ? Object.keys(d).filter((k) => !children.includes(k)) : fields;
    const row: Record<string, unknown> = {};
    for (const f of wanted) {
      if (children.includes(f) || !(f in d)) throw new Error(`Field not permitted in query: ${f}`);
      row[f] = d[f];
    }
    return row;
  });
}

function parseJson<T>(value: string | null, fallback: T): T {
  if (value === null || value === "") return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new Error(`Invalid JSON in query parameter: ${value}`);
  }
}

/** Frappe accepts [[field, op, value]], [[doctype, field, op, value]] and {field: value}. */
function normaliseFilters(filters: unknown): Array<[string, string, unknown]> {
  if (filters && typeof filters === "object" && !Array.isArray(filters)) {
    return Object.entries(filters).map(([f, v]) => (Array.isArray(v) ? [f, String(v[0]), v[1]] : [f, "=", v]));
  }
  if (!Array.isArray(filters)) throw new Error("filters must be a list or a dict");
  return filters.map((f) => {
    if (!Array.isArray(f)) throw new Error(`Invalid filter ${JSON.stringify(f)}`);
    if (f.length === 4) return [String(f[1]), String(f[2]), f[3]];
    if (f.length === 3) return [String(f[0]), String(f[1]), f[2]];
    throw new Error(`Invalid filter ${JSON.stringify(f)}`);
  });
}

function matches(actual: unknown, op: string, expected: unknown, field: string, doctype: string): boolean {
  if (actual === undefined) throw new Error(`Unknown column ${field} in ${doctype}`);
  const a = actual as string | number;
  const e = expected as string | number;
  switch (op.toLowerCase()) {
    case "=":
      return actual === expected;
    case "!=":
      return actual !== expected;
    case ">":
      return a > e;
    case ">=":
      return a >= e;
    case "<":
      return a < e;
    case "<=":
      return a <= e;
    case "in":
      return (Array.isArray(expected) ? expected : String(expected).split(",")).includes(actual);
    case "not in":
      return !(Array.isArray(expected) ? expected : String(expected).split(",")).includes(actual);
    case "like": {
      const pattern = String(expected).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*");
      return new RegExp(`^${pattern}$`, "i").test(String(actual));
    }
    default:
      throw new Error(`Unsupported operator ${op}`);
  }
}

function sortDocs(docs: ErpDoc[], orderBy: string): ErpDoc[] {
  const keys = orderBy.split(",").map((s) => {
    const [field, dir] = s.trim().replace(/`/g, "").split(/\s+/);
    return { field: field.replace(/^tab[^.]*\./, ""), desc: dir?.toLowerCase() === "desc" };
  });
  return [...docs].sort((x, y) => {
    for (const { field, desc } of keys) {
      const a = (x[field] ?? "") as string | number;
      const b = (y[field] ?? "") as string | number;
      if (a < b) return desc ? 1 : -1;
      if (a > b) return desc ? -1 : 1;
    }
    return 0;
  });
}

/** Document.update + save: scalar fields are set; a child table sent replaces the table (rows matched by name keep theirs). */
function update(state: FakeErpState, doctype: string, doc: ErpDoc, changes: Record<string, unknown>): ErpDoc {
  const children = CHILD_TABLES[doctype] ?? [];
  const next: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (["name", "doctype", "modified", "creation", "docstatus"].includes(field)) continue;
    if (children.includes(field)) {
      if (!Array.isArray(value)) throw new Error(`${field} must be a list`);
      const old = (doc[field] ?? []) as Array<Record<string, unknown>>;
      next[field] = value.map((row: Record<string, unknown>, i: number) => {
        const existingRow = old.find((o) => o.name === row.name);
        return { ...(existingRow ?? {}), ...row, idx: i + 1 };
      });
    } else {
      if (!(field in doc)) throw new Error(`Unknown field ${field} in ${doctype}`);
      next[field] = value;
    }
  }
  state.touchErpnext(doctype, doc.name, next);
  state.writeLog.push({ system: "erpnext", target: doctype, method: "PUT", ids: [doc.name], payload: changes, at: String(doc.modified) });
  return doc;
}
