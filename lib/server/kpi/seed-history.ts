/**
 * A year (or any span) of exception-handling and supply history, generated inside PostgreSQL with generate_series so
 * a million case events take seconds, not a round trip per row. Used by `npm run demo` (a small history so the KPI
 * dashboard has trends) and `npm run bench:kpi` (≥ 1M case events). Every history row is RESOLVED / CLOSED and
 * dated before `asOf`, so the live queue and detection are untouched; ids start with "h" and PO/SO numbers with
 * "HIST-", which `clearKpiHistory` uses to take it out again.
 *
 * The history is shaped like real operations: cases per site, type, severity and supplier; timelines with
 * detection, triage, comments, proposals, approvals, resolutions and a few reopenings; actions against the case's
 * recommendations; PO lines received early, on time, late or short; sales lines shipped complete or short; ABC
 * cycle counts inside and outside tolerance.
 */
import type pg from "pg";

export interface HistoryOptions {
  asOf: Date;
  days: number;
  casesPerDay: number;
  poLinesPerDay: number;
  soLinesPerDay: number;
  countsPerDay: number;
  /** PRNG seed for setseed() (deterministic output for a given database). */
  seed?: number;
  log?: (msg: string) => void;
}

export const DEMO_HISTORY: Omit<HistoryOptions, "asOf"> = { days: 365, casesPerDay: 24, poLinesPerDay: 30, soLinesPerDay: 60, countsPerDay: 20 };
export const BENCH_HISTORY: Omit<HistoryOptions, "asOf"> = { days: 365, casesPerDay: 420, poLinesPerDay: 300, soLinesPerDay: 800, countsPerDay: 150 };

const TYPES = [
  "PO_PAST_DUE", "PO_NO_ASN", "STOCKOUT_DESPITE_INBOUND", "BELOW_SAFETY_STOCK", "PROJECTED_STOCKOUT_NO_SUPPLY", "ASN_OVERDUE",
  "CYCLE_COUNT_VARIANCE", "PO_NOT_ACKNOWLEDGED", "CUSTOMER_ORDER_AT_RISK", "EXCESS_STOCK", "DEMAND_SPIKE", "RECEIPT_QTY_VARIANCE",
  "TRANSFER_IN_TRANSIT_AGED", "SUPPLIER_PROMISE_SLIP", "QUALITY_LOT_HOLD_BLOCKING", "MASTER_DATA_INVALID",
];
const ACTIONS = ["EXPEDITE", "TRANSFER", "REALLOCATE", "RECOUNT", "HOLD", "ADJUST"];

async function step(client: pg.Client, label: string, sql: string, params: unknown[], log: (m: string) => void) {
  const t = Date.now();
  const r = await client.query(sql, params);
  log(`  ${label}: ${(r.rowCount ?? 0).toLocaleString("en-US")} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.rowCount ?? 0;
}

/** Inserts the history; returns row counts per table. Needs the demo master data (sites, items, suppliers, users). */
export async function seedKpiHistory(client: pg.Client, o: HistoryOptions): Promise<Record<string, number>> {
  const log = o.log ?? (() => {});
  const asOf = o.asOf.toISOString();
  const counts: Record<string, number> = {};
  await client.query("BEGIN");
  try {
    await client.query(`SELECT setseed($1)`, [((o.seed ?? 7) % 1000) / 1000]);
    // Reference rows as arrays, so each generated row picks one by a random index. Every random() inside a LATERAL
    // subquery mentions the outer row (`+ 0 * g.i`): an uncorrelated subquery or function scan is evaluated once.
    await client.query(`CREATE TEMP TABLE h_ref ON COMMIT DROP AS SELECT
        (SELECT array_agg(id ORDER BY code) FROM "Location" WHERE kind = 'DC') AS sites,
        (SELECT array_agg(id ORDER BY sku) FROM (SELECT id, sku FROM "Item" ORDER BY sku LIMIT 400) i) AS items,
        (SELECT array_agg(id ORDER BY code) FROM "Supplier") AS suppliers,
        (SELECT array_agg(id ORDER BY code) FROM "Customer") AS customers,
        (SELECT array_agg(id ORDER BY id) FROM "User" WHERE role = 'planner' AND active) AS planners,
        (SELECT array_agg(id ORDER BY id) FROM "User" WHERE role = 'supervisor' AND active) AS supervisors,
        (SELECT array_agg(code ORDER BY code) FROM "DataSource") AS sources`);
    const ref = (await client.query(`SELECT cardinality(sites) s, cardinality(items) i, cardinality(suppliers) p, cardinality(planners) u, cardinality(supervisors) v, cardinality(customers) c FROM h_ref`)).rows[0];
    if (!ref.s || !ref.i || !ref.p || !ref.u || !ref.v || !ref.c) throw new Error("seedKpiHistory needs sites, items, suppliers, customers, a planner and a supervisor (seed the demo first)");

    const n = o.days * o.casesPerDay;
    // Cases. r1..r6 are independent uniforms; durations are skewed (most cases close fast, a long tail does not).
    counts.Case = await step(client, "cases", `
      INSERT INTO "Case" (id, "causeKey", title, "primaryType", "siteId", "itemId", "supplierId", severity, score, "serviceExposure",
        "financialExposure", exposure, urgency, confidence, explanation, "configVersion", status, "assigneeId", "openedAt", "dataAsOf",
        "slaDueAt", "lastScoredAt", "resolvedAt", "resolutionReason", "resolutionCode", team, "autoRouted", summary, recommendations, "searchText")
      SELECT 'h' || g.i, 'history:' || g.i, replace(initcap(replace(t.type, '_', ' ')), ' ', ' ') || ' (history)', t.type,
        r.sites[1 + (g.i % cardinality(r.sites))], r.items[1 + floor(random() * cardinality(r.items))::int],
        r.suppliers[1 + floor(power(random(), 1.6) * cardinality(r.suppliers))::int], sev.s::"Severity",
        x.exposure * 0.75, x.exposure * 0.7, x.exposure * 0.3, x.exposure, 0.5, 1, -- score = (E_svc + E_fin) × (0.5 + 0.5·U) × confidence
        jsonb_build_object('vector', jsonb_build_object('t_star', CASE WHEN random() < 0.6 THEN to_char(x.opened + make_interval(hours => 24 + floor(random() * 240)::int), 'YYYY-MM-DD') END)),
        1, 'RESOLVED', r.planners[1 + (g.i % cardinality(r.planners))], x.opened, x.opened, x.opened + make_interval(hours => sev.sla),
        x.resolved, x.resolved, x.code, x.code, CASE WHEN random() < 0.5 THEN 'Inbound' ELSE 'Inventory' END, random() < 0.62, '',
        jsonb_build_array(jsonb_build_object('code', 'HIST', 'rank', 1, 'label', 'Recommended', 'actionType', x.rec, 'payload', null,
          'impact', jsonb_build_object('unitsRecovered', 0, 'usdRecovered', 0, 'daysGained', 0), 'reason', 'history')),
        lower(t.type) || ' history'
      FROM generate_series(1, $2::int) AS g(i)
      CROSS JOIN h_ref r
      CROSS JOIN LATERAL (SELECT (ARRAY[${TYPES.map((t) => `'${t}'`).join(",")}])[1 + floor(power(random(), 1.8) * ${TYPES.length} + 0 * g.i)::int] AS type) t
      CROSS JOIN LATERAL (SELECT CASE WHEN q < 0.08 THEN 'CRITICAL' WHEN q < 0.35 THEN 'HIGH' WHEN q < 0.8 THEN 'MEDIUM' ELSE 'LOW' END AS s,
                                 CASE WHEN q < 0.08 THEN 4 WHEN q < 0.35 THEN 24 WHEN q < 0.8 THEN 72 ELSE 168 END AS sla
                          FROM (SELECT random() + 0 * g.i AS q) z) sev
      CROSS JOIN LATERAL (SELECT o.opened, least(o.opened + make_interval(secs => 3600 * (1 + power(random(), 2.5) * sev.sla * 2.2)), $1::timestamp - interval '1 minute') AS resolved,
                                 round((exp(random() * 9) * 3)::numeric, 2)::float8 AS exposure,
                                 (SELECT CASE WHEN c < 0.42 THEN 'FIXED' WHEN c < 0.62 THEN 'ACTION_CONFIRMED' WHEN c < 0.74 THEN 'NOT_AN_ISSUE'
                                              WHEN c < 0.93 THEN 'CONDITION_CLEARED' WHEN c < 0.97 THEN 'SOURCE_DATA_ERROR' ELSE 'OTHER' END FROM (SELECT random() + 0 * g.i AS c) z) AS code,
                                 (ARRAY[${ACTIONS.map((a) => `'${a}'`).join(",")}])[1 + floor(power(random(), 2) * ${ACTIONS.length})::int] AS rec
                          FROM (SELECT $1::timestamp - make_interval(secs => ((g.i::float8 / $2) * $3 * 86400 + random() * 3600)) AS opened) o) x
      WHERE x.opened < $1::timestamp`, [asOf, n, o.days], log);

    // Exceptions: one finding per case, detected when the case opened, the source event a skewed while earlier.
    counts.Exception = await step(client, "exceptions", `
      INSERT INTO "Exception" (id, fingerprint, type, "caseId", "siteId", "itemId", summary, evidence, exposure, "eventAt", "detectedAt", "clearedAt")
      SELECT 'h' || c.id, 'history:' || c.id, c."primaryType", c.id, c."siteId", c."itemId", c.title,
             jsonb_build_object('sourceSystem', r.sources[1 + floor(random() * cardinality(r.sources))::int]), c.exposure,
             c."openedAt" - make_interval(secs => 60 + power(random(), 3) * 86400 * 2), c."openedAt", c."resolvedAt"
      FROM "Case" c CROSS JOIN h_ref r WHERE c."causeKey" LIKE 'history:%'`, [], log);

    // Actions on cases resolved by an action: mostly the recommended type, some edited, some another type; plus rejections.
    counts.CaseAction = await step(client, "actions", `
      INSERT INTO "CaseAction" (id, "caseId", type, status, payload, "valueUsd", note, "requestedById", "requestedAt", "decidedById", "decidedAt", "policyVersion", revision, "currentLevel", "requiredLevels")
      SELECT 'h' || k || c.id, c.id, (CASE WHEN q < 0.78 THEN rec ELSE (ARRAY[${ACTIONS.map((a) => `'${a}'`).join(",")}])[1 + floor(random() * ${ACTIONS.length})::int] END)::"ActionType",
             (CASE WHEN k = 'r' THEN 'REJECTED' ELSE 'APPROVED' END)::"ActionStatus", '{}'::jsonb, c.exposure * 0.4, 'history',
             c."assigneeId", c."openedAt" + (c."resolvedAt" - c."openedAt") * 0.3, r.supervisors[1], c."openedAt" + (c."resolvedAt" - c."openedAt") * (CASE WHEN k = 'r' THEN 0.4 ELSE 0.6 END),
             1, CASE WHEN random() < 0.12 THEN 2 ELSE 1 END, 2, '[{"level":1,"role":"supervisor"}]'::jsonb
      FROM "Case" c CROSS JOIN h_ref r
      CROSS JOIN LATERAL (SELECT c.recommendations->0->>'actionType' AS rec, random() AS q) z
      CROSS JOIN LATERAL (SELECT unnest(CASE WHEN random() + 0 * length(c.id) < 0.1 THEN ARRAY['r', 'a'] ELSE ARRAY['a'] END) AS k) kk
      WHERE c."causeKey" LIKE 'history:%' AND c."resolutionCode" IN ('ACTION_CONFIRMED', 'FIXED') AND (c."resolutionCode" = 'ACTION_CONFIRMED' OR random() < 0.3)`, [], log);

    // The timeline. System events (actor null): DETECTED, RESCORED×k, RESOLVED when detection cleared the condition.
    // Human events: ASSIGNED (cases not auto-routed), ACKNOWLEDGED, COMMENTED×k, SNOOZED, the action's proposal and
    // decision, RESOLVED by a person; a few cases were reopened within days and resolved again.
    counts.CaseEvent = await step(client, "case events", `
      INSERT INTO "CaseEvent" (id, "caseId", type, "actorId", data, "createdAt")
      SELECT 'h' || e.kind || e.n || '-' || c.id, c.id, e.type, e.actor, '{}'::jsonb, e.at
      FROM "Case" c CROSS JOIN h_ref r
      CROSS JOIN LATERAL (SELECT c."resolvedAt" - c."openedAt" AS span, c."resolutionCode" = 'CONDITION_CLEARED' AS auto, random() < 0.05 AS reopened) s
      CROSS JOIN LATERAL (
        SELECT 'd' AS kind, 0 AS n, 'DETECTED' AS type, NULL::text AS actor, c."openedAt" AS at
        UNION ALL SELECT 's', k, 'RESCORED', NULL, c."openedAt" + s.span * (k / 8.0) FROM generate_series(1, 1 + floor(random() * 4)::int + 0 * length(c.id)) k
        UNION ALL SELECT 'a', 0, 'ASSIGNED', r.supervisors[1], c."openedAt" + s.span * 0.05 WHERE NOT c."autoRouted" AND NOT s.auto
        UNION ALL SELECT 'k', 0, 'ACKNOWLEDGED', c."assigneeId", c."openedAt" + s.span * 0.1 WHERE NOT s.auto AND random() < 0.55
        UNION ALL SELECT 'c', k, 'COMMENTED', c."assigneeId", c."openedAt" + s.span * (0.1 + k / 10.0) FROM generate_series(1, floor(power(random(), 2) * 4)::int + 0 * length(c.id)) k WHERE NOT s.auto
        UNION ALL SELECT 'z', 0, 'SNOOZED', c."assigneeId", c."openedAt" + s.span * 0.2 WHERE NOT s.auto AND random() < 0.08
        UNION ALL SELECT 'p' || a.id, 0, 'ACTION_PROPOSED', a."requestedById", a."requestedAt" FROM "CaseAction" a WHERE a."caseId" = c.id
        UNION ALL SELECT 'q' || a.id, 0, CASE WHEN a.status = 'REJECTED' THEN 'ACTION_REJECTED' ELSE 'ACTION_APPROVED' END, a."decidedById", a."decidedAt" FROM "CaseAction" a WHERE a."caseId" = c.id
        UNION ALL SELECT 'w', 0, 'WRITE_BACK_CONFIRMED', NULL, c."resolvedAt" - interval '1 second' WHERE c."resolutionCode" = 'ACTION_CONFIRMED'
        UNION ALL SELECT 'x', 0, 'RESOLVED', NULL, c."openedAt" + s.span * 0.5 WHERE s.reopened
        UNION ALL SELECT 'o', 0, 'REOPENED', c."assigneeId", c."openedAt" + s.span * 0.55 WHERE s.reopened
        UNION ALL SELECT 'r', 0, 'RESOLVED', CASE WHEN s.auto OR c."resolutionCode" = 'ACTION_CONFIRMED' THEN NULL ELSE c."assigneeId" END, c."resolvedAt"
      ) e
      WHERE c."causeKey" LIKE 'history:%'`, [], log);

    // Purchase orders: one line each, received early / on time / late / short, dated over the span.
    const nPo = o.days * o.poLinesPerDay;
    counts.PurchaseOrder = await step(client, "purchase orders", `
      INSERT INTO "PurchaseOrder" (id, number, "supplierId", "locationId", status, "orderedAt", "acknowledgedAt", "ackStatus", "sourceSystem")
      SELECT 'hpo' || g.i, 'HIST-PO-' || g.i, r.suppliers[1 + (g.i * 7 % cardinality(r.suppliers))], r.sites[1 + (g.i % cardinality(r.sites))], 'CLOSED',
             $1::timestamp - make_interval(days => 20 + (g.i::float8 / $2 * $3)::int), NULL, 'ACCEPTED', 'history'
      FROM generate_series(1, $2::int) g(i) CROSS JOIN h_ref r`, [asOf, nPo, o.days], log);
    counts.PurchaseOrderLine = await step(client, "PO lines", `
      INSERT INTO "PurchaseOrderLine" (id, "purchaseOrderId", "lineNo", "itemId", "qtyOrdered", "qtyReceived", "unitCost", "promisedDate", "originalPromisedDate")
      SELECT 'h' || po.id, po.id, 1, r.items[1 + floor(random() * cardinality(r.items))::int], q.qty, q.qty, 10,
             po."orderedAt" + interval '14 days' + make_interval(days => CASE WHEN random() < 0.15 THEN 1 + floor(random() * 6)::int ELSE 0 END),
             po."orderedAt" + interval '14 days'
      FROM "PurchaseOrder" po CROSS JOIN h_ref r CROSS JOIN LATERAL (SELECT (10 + floor(random() * 20)::int + 0 * length(po.id)) * 10 AS qty) q
      WHERE po.id LIKE 'hpo%'`, [], log);
    // Each supplier has its own reliability: the lateness draw is scaled by the supplier's position in the list.
    counts.Receipt = await step(client, "receipts", `
      INSERT INTO "Receipt" (id, number, "locationId", "purchaseOrderId", "receivedAt", "sourceSystem")
      SELECT 'h' || pl.id, 'HIST-RC-' || po.number, po."locationId", po.id,
             date_trunc('day', pl."promisedDate") + make_interval(hours => 8 + floor(random() * 9)::int)
               + make_interval(days => round((random() - 0.35 - (array_position(r.suppliers, po."supplierId")::float8 / cardinality(r.suppliers)) * 0.4) * 6)::int), 'history'
      FROM "PurchaseOrderLine" pl JOIN "PurchaseOrder" po ON po.id = pl."purchaseOrderId" CROSS JOIN h_ref r
      WHERE po.id LIKE 'hpo%'`, [], log);
    await step(client, "receipts moved before asOf", `UPDATE "Receipt" SET "receivedAt" = $1::timestamp - interval '1 hour' WHERE number LIKE 'HIST-RC-%' AND "receivedAt" >= $1::timestamp`, [asOf], log);
    counts.ReceiptLine = await step(client, "receipt lines", `
      INSERT INTO "ReceiptLine" (id, "receiptId", "purchaseOrderLineId", "itemId", "qtyReceived")
      SELECT 'h' || rc.id, rc.id, pl.id, pl."itemId", CASE WHEN random() < 0.08 THEN (pl."qtyOrdered" * (0.6 + random() * 0.35))::int ELSE pl."qtyOrdered" END
      FROM "Receipt" rc JOIN "PurchaseOrderLine" pl ON 'h' || pl.id = rc.id`, [], log);

    // Sales orders: two lines each; most ship complete, some short.
    const nSo = Math.ceil((o.days * o.soLinesPerDay) / 2);
    counts.SalesOrder = await step(client, "sales orders", `
      INSERT INTO "SalesOrder" (id, number, "customerId", "locationId", status, "orderedAt", "sourceSystem")
      SELECT 'hso' || g.i, 'HIST-SO-' || g.i, r.customers[1 + (g.i % cardinality(r.customers))], r.sites[1 + (g.i % cardinality(r.sites))], 'CLOSED',
             $1::timestamp - make_interval(days => 3 + (g.i::float8 / $2 * $3)::int), 'history'
      FROM generate_series(1, $2::int) g(i) CROSS JOIN h_ref r`, [asOf, nSo, o.days], log);
    counts.SalesOrderLine = await step(client, "SO lines", `
      INSERT INTO "SalesOrderLine" (id, "salesOrderId", "lineNo", "itemId", "qtyOrdered", "qtyShipped", "unitPrice", "promisedShipDate")
      SELECT 'h' || so.id || '-' || k, so.id, k, r.items[1 + floor(random() * cardinality(r.items))::int], q.qty,
             CASE WHEN random() < 0.07 THEN floor(q.qty * random())::int ELSE q.qty END, 20, so."orderedAt" + interval '2 days'
      FROM "SalesOrder" so CROSS JOIN h_ref r CROSS JOIN generate_series(1, 2) k CROSS JOIN LATERAL (SELECT 1 + floor(random() * 40)::int + 0 * length(so.id) + 0 * k AS qty) q
      WHERE so.id LIKE 'hso%'`, [], log);

    // Cycle counts: most within tolerance; misses in both directions (never netted).
    const nCc = o.days * o.countsPerDay;
    counts.CycleCount = await step(client, "cycle counts", `
      INSERT INTO "CycleCount" (id, "itemId", "locationId", "countedAt", "systemQty", "countedQty", "externalKey", "sourceSystem")
      SELECT 'hcc' || g.i, r.items[1 + floor(random() * cardinality(r.items))::int], r.sites[1 + (g.i % cardinality(r.sites))],
             $1::timestamp - make_interval(secs => (g.i::float8 / $2) * $3 * 86400 + 60), s.qty,
             s.qty + CASE WHEN random() < 0.9 THEN 0 ELSE (CASE WHEN random() < 0.5 THEN -1 ELSE 1 END) * (1 + floor(random() * s.qty * 0.1)::int) END,
             'HIST-CC-' || g.i, 'history'
      FROM generate_series(1, $2::int) g(i) CROSS JOIN h_ref r CROSS JOIN LATERAL (SELECT 5 + floor(random() * 200)::int + 0 * g.i AS qty) s`, [asOf, nCc, o.days], log);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
  await client.query(`ANALYZE "Case", "CaseEvent", "CaseAction", "Exception", "PurchaseOrderLine", "Receipt", "ReceiptLine", "SalesOrderLine", "CycleCount"`);
  return counts;
}
