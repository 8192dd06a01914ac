/**
 * Evaluates an Odoo search domain against the fake server's rows: Polish-notation '&', '|', '!' over leaves
 * [field, operator, value], consecutive terms implicitly AND-ed (as odoo.osv.expression normalises them), dotted paths
 * through Many2one fields ("location_id.usage"), and Many2one values compared by id (number) or display name (string).
 */
export type OdooValue = string | number | boolean | null | OdooValue[] | { [key: string]: OdooValue };
export type OdooRow = Record<string, OdooValue> & { id: number };
export type DomainTerm = "&" | "|" | "!" | [string, string, OdooValue];

/** Looks up a Many2one's target row so dotted paths can walk into it. */
export type RelationResolver = (model: string, field: string, id: number) => { model: string; row: OdooRow } | null;

export function matchesDomain(model: string, row: OdooRow, domain: DomainTerm[], resolve: RelationResolver): boolean {
  const stack: boolean[] = [];
  for (let i = domain.length - 1; i >= 0; i--) {
    const term = domain[i];
    if (term === "!") stack.push(!pop(stack));
    else if (term === "&" || term === "|") {
      // Pop both operands before combining: a short-circuit would leave one on the stack.
      const a = pop(stack);
      const b = pop(stack);
      stack.push(term === "&" ? a && b : a || b);
    } else if (Array.isArray(term) && term.length === 3) stack.push(matchesLeaf(model, row, term, resolve));
    else throw new DomainError(`Invalid leaf ${JSON.stringify(term)}`);
  }
  return stack.every(Boolean);
}

export class DomainError extends Error {}

function pop(stack: boolean[]): boolean {
  const v = stack.pop();
  if (v === undefined) throw new DomainError("Domain operator without enough operands");
  return v;
}

function matchesLeaf(model: string, row: OdooRow, [path, operator, expected]: [string, string, OdooValue], resolve: RelationResolver): boolean {
  const parts = path.split(".");
  let currentModel = model;
  let current: OdooRow = row;
  for (const part of parts.slice(0, -1)) {
    const m2o = current[part];
    if (!Array.isArray(m2o)) return compare(false, operator, expected);
    const next = resolve(currentModel, part, Number(m2o[0]));
    if (!next) return false;
    currentModel = next.model;
    current = next.row;
  }
  const field = parts[parts.length - 1];
  if (!(field in current)) throw new DomainError(`Invalid field ${currentModel}.${field} in leaf ${JSON.stringify([path, operator, expected])}`);
  return compare(current[field], operator, expected);
}

function compare(actual: OdooValue, operator: string, expected: OdooValue): boolean {
  // Many2one [id, name]: numbers compare with the id, strings with the display name.
  if (Array.isArray(actual) && actual.length === 2 && typeof actual[0] === "number") {
    const probe = Array.isArray(expected) ? expected[0] : expected;
    actual = typeof probe === "string" ? (actual[1] as string) : actual[0];
  }
  switch (operator) {
    case "=":
      return equal(actual, expected);
    case "!=":
      return !equal(actual, expected);
    case ">":
      return ordered(actual, expected, (c) => c > 0);
    case ">=":
      return ordered(actual, expected, (c) => c >= 0);
    case "<":
      return ordered(actual, expected, (c) => c < 0);
    case "<=":
      return ordered(actual, expected, (c) => c <= 0);
    case "in":
      return Array.isArray(expected) && expected.some((e) => equal(actual, e));
    case "not in":
      return Array.isArray(expected) && !expected.some((e) => equal(actual, e));
    case "like":
    case "ilike":
      return typeof actual === "string" && typeof expected === "string" && likeMatch(actual, `%${expected}%`, operator === "ilike");
    case "=like":
    case "=ilike":
      return typeof actual === "string" && typeof expected === "string" && likeMatch(actual, expected, operator === "=ilike");
    default:
      throw new DomainError(`Invalid operator ${operator}`);
  }
}

function equal(a: OdooValue, b: OdooValue): boolean {
  if ((a === false || a === null) && (b === false || b === null)) return true;
  return a === b;
}

function ordered(a: OdooValue, b: OdooValue, test: (c: number) => boolean): boolean {
  if (a === false || a === null || b === false || b === null) return false;
  if (typeof a === "number" && typeof b === "number") return test(a - b);
  const [x, y] = [String(a), String(b)];
  return test(x === y ? 0 : x < y ? -1 : 1);
}

function likeMatch(value: string, pattern: string, caseInsensitive: boolean): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/_/g, ".")}$`, caseInsensitive ? "i" : "");
  return regex.test(value);
}

/** Sorts by an Odoo `order` string such as "write_date asc, id asc". */
export function sortRows(rows: OdooRow[], order: string | undefined): OdooRow[] {
  const keys = (order ?? "id asc")
    .split(",")
    .map((s) => s.trim().split(/\s+/))
    .filter((p) => p[0])
    .map(([field, dir]) => ({ field, desc: dir?.toLowerCase() === "desc" }));
  return [...rows].sort((a, b) => {
    for (const { field, desc } of keys) {
      const av = sortable(a[field]);
      const bv = sortable(b[field]);
      if (av < bv) return desc ? 1 : -1;
      if (av > bv) return desc ? -1 : 1;
    }
    return 0;
  });
}

function sortable(v: OdooValue): string | number {
  if (Array.isArray(v)) return sortable(v[1] ?? "");
  if (v === false || v === null) return "";
  return typeof v === "number" ? v : String(v);
}
