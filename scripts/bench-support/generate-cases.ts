/**
 * The million-case generator shared by `npm run bench:queue` and `npm run bench:load`: cases and their exceptions
 * generated in SQL (indexes dropped during the load, rebuilt after, VACUUM ANALYZE), on a database that already holds
 * the demo master data and users (prisma/seed). Case ids are 'bq_<n>'.
 */
import pg from "pg";

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

export const SITE_PHRASES = [
  ["STOCKOUT_NOW", "Stocked out"],
  ["PROJECTED_STOCKOUT_NO_SUPPLY", "Projected stockout, no supply"],
  ["STOCKOUT_DESPITE_INBOUND", "Stockout before inbound"],
  ["BELOW_SAFETY_STOCK", "Below safety stock"],
  ["PO_PAST_DUE", "PO past due"],
  ["PO_NO_ASN", "PO no ASN"],
  ["PO_NOT_ACKNOWLEDGED", "PO not acknowledged"],
  ["SUPPLIER_PROMISE_SLIP", "Supplier promise slipped"],
  ["ASN_OVERDUE", "ASN overdue"],
  ["CUSTOMER_ORDER_AT_RISK", "Customer orders at risk"],
  ["ALLOCATION_CONFLICT", "Allocation conflict"],
  ["DEMAND_SPIKE", "Demand spike"],
  ["EXCESS_STOCK", "Excess stock"],
  ["EXPIRY_RISK", "Expiry risk"],
  ["CYCLE_COUNT_VARIANCE", "Cycle count variance"],
  ["RECEIPT_QTY_VARIANCE", "Received off ASN"],
  ["TRANSFER_IN_TRANSIT_AGED", "Transfer aged in transit"],
  ["QUALITY_LOT_HOLD_BLOCKING", "Quality hold blocking"],
  ["CREDIT_HOLD_BLOCKING", "Credit hold blocking stock"],
  ["NEGATIVE_ON_HAND", "Negative on hand"],
];

/** Generate the cases and their exceptions in SQL (indexes dropped during the load, rebuilt after). */
export async function generateCases(url: string, n: number, log: (m: string) => void = console.log): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '1GB'`);
    await c.query(`SET session_replication_role = replica`).catch(() => log("not a superuser: foreign keys are checked during the load (slower)"));
    const { rows: indexes } = await c.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('Case', 'Exception') AND indexname NOT LIKE '%\\_pkey'`,
    );
    for (const i of indexes) await c.query(`DROP INDEX "${i.name}"`);
    await c.query(`SELECT setseed(0.42)`);
    const types = SITE_PHRASES.map((p) => p[0]);
    const phrases = SITE_PHRASES.map((p) => p[1]);
    let t = Date.now();
    // Per-row random draws: the LATERAL references g so PostgreSQL evaluates it for every row.
    await c.query(
      `WITH it AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(sku ORDER BY id) AS skus, array_agg("primarySupplierId" ORDER BY id) AS sups, count(*)::int AS n FROM "Item"),
            st AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(code ORDER BY code) AS codes, count(*)::int AS n FROM "Location"),
            rnd AS (
              SELECT g, r.*
              FROM generate_series(1, $1::int) g,
              LATERAL (SELECT random() + 0 * g AS r_site, random() AS r_item, random() AS r_type, random() AS r_score, random() AS r_exp,
                              random() AS r_status, random() AS r_assignee, random() AS r_age, random() AS r_sla, random() AS r_fresh,
                              random() AS r_tier, random() AS r_snooze, random() AS r_ack, random() AS r_wb, random() AS r_conf) r
            ),
            v AS (
              SELECT g, r_assignee, r_tier, r_snooze, r_ack, r_wb, r_sla, r_fresh, r_conf, r_exp,
                1 + floor(r_site * st.n)::int AS si,
                1 + floor(r_item * it.n)::int AS ii,
                1 + floor(power(r_type, 1.6) * array_length($2::text[], 1))::int AS ti,
                round(exp(r_score * 10)::numeric, 2)::float8 AS score,
                CASE WHEN r_status < 0.45 THEN 'OPEN' WHEN r_status < 0.49 THEN 'PENDING_APPROVAL' WHEN r_status < 0.52 THEN 'ACTION_APPROVED' ELSE 'RESOLVED' END AS status,
                CASE WHEN r_status < 0.52 THEN now() - interval '1 day' * 180 * power(r_age, 2) ELSE now() - interval '1 day' * 365 * r_age END AS opened
              FROM rnd, it, st
            )
       INSERT INTO "Case" (id, "causeKey", title, "primaryType", "siteId", "itemId", "supplierId", severity, score, "serviceExposure", "financialExposure",
         exposure, urgency, confidence, explanation, "configVersion", status, "assigneeId", "openedAt", "dataAsOf", "slaDueAt", "lastScoredAt",
         "resolvedAt", "resolutionReason", "customerTier", "searchText", "acknowledgedAt", "snoozedAt", "snoozeUntil", "writeBackFailedAt")
       SELECT 'bq_' || v.g, 'bench:' || v.g,
         ($3::text[])[v.ti] || ' at ' || st.codes[v.si] || ' for ' || it.skus[v.ii],
         ($2::text[])[v.ti], st.ids[v.si], it.ids[v.ii], it.sups[v.ii],
         (CASE WHEN v.score >= 10000 THEN 'CRITICAL' WHEN v.score >= 2500 THEN 'HIGH' WHEN v.score >= 300 THEN 'MEDIUM' ELSE 'LOW' END)::"Severity",
         v.score, round((v.score * (1 + v.r_exp) * 0.7)::numeric, 2)::float8, round((v.score * (1 + v.r_exp) * 0.3)::numeric, 2)::float8,
         round((v.score * (1 + v.r_exp))::numeric, 2)::float8, 0.5, 0.6 + 0.4 * v.r_conf, '{}'::jsonb, 1, v.status::"CaseStatus",
         CASE WHEN v.r_assignee < 0.12 THEN 'usr_planner' WHEN v.r_assignee < 0.2 THEN 'usr_supervisor' WHEN v.r_assignee < 0.3 THEN 'usr_planner_west'
              WHEN v.r_assignee < 0.33 THEN 'usr_admin' END,
         v.opened AT TIME ZONE 'UTC',
         (now() - interval '1 hour' * 72 * power(v.r_fresh, 3)) AT TIME ZONE 'UTC',
         (now() + interval '1 hour' * (v.r_sla * 240 - 72)) AT TIME ZONE 'UTC',
         (now() - interval '1 minute' * 60 * v.r_fresh) AT TIME ZONE 'UTC',
         CASE WHEN v.status = 'RESOLVED' THEN (v.opened + interval '1 day' * 5 * v.r_sla) AT TIME ZONE 'UTC' END,
         CASE WHEN v.status = 'RESOLVED' THEN 'CONDITION_CLEARED' END,
         (CASE WHEN v.r_tier < 0.1 THEN 'STRATEGIC' WHEN v.r_tier < 0.25 THEN 'KEY' WHEN v.r_tier < 0.45 THEN 'STANDARD' END)::"CustomerTier",
         lower(($3::text[])[v.ti] || ' at ' || st.codes[v.si] || ' for ' || it.skus[v.ii] || ' ' || it.skus[v.ii]
           || ' po-' || (200000 + v.g % 400000) || ' so-' || (100000 + (v.g * 7) % 900000)
           || CASE WHEN v.g % 5 = 0 THEN ' asn-' || (300000 + v.g % 200000) ELSE '' END),
         CASE WHEN v.r_ack < 0.3 THEN (v.opened + interval '1 hour') AT TIME ZONE 'UTC' END,
         CASE WHEN v.status <> 'RESOLVED' AND v.r_snooze < 0.05 THEN (now() - interval '1 day') AT TIME ZONE 'UTC' END,
         CASE WHEN v.status <> 'RESOLVED' AND v.r_snooze < 0.02 THEN (now() + interval '1 day' * 7 * v.r_snooze / 0.02 - interval '1 day') AT TIME ZONE 'UTC' END,
         CASE WHEN v.status <> 'RESOLVED' AND v.r_wb < 0.005 THEN (now() - interval '2 hours') AT TIME ZONE 'UTC' END
       FROM v, it, st`,
      [n, types, phrases],
    );
    log(`  ${fmt(n)} cases in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    // 1–3 exceptions per case: the root (primaryType) plus others; cleared on resolved cases.
    const ex = await c.query(
      `INSERT INTO "Exception" (id, fingerprint, type, "caseId", "siteId", "itemId", "chainOrder", summary, evidence, exposure, "eventAt", "detectedAt", "clearedAt")
       SELECT c.id || ':' || k, c.id || ':' || k,
         CASE WHEN k = 0 THEN c."primaryType" ELSE ($1::text[])[1 + (c.number * 7 + k * 13) % array_length($1::text[], 1)] END,
         c.id, c."siteId", c."itemId", k, c.title, '{}'::jsonb, c.exposure / (k + 1), c."openedAt", c."openedAt",
         CASE WHEN c.status = 'RESOLVED' THEN c."resolvedAt" END
       FROM "Case" c, generate_series(0, 2) k
       WHERE c.id LIKE 'bq\\_%' AND k < 1 + (c.number % 3)`,
      [types],
    );
    log(`  ${fmt(ex.rowCount ?? 0)} exceptions in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    await c.query(`SET max_parallel_maintenance_workers = 2`);
    for (const i of indexes) await c.query(i.def);
    log(`  ${indexes.length} indexes rebuilt in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    await c.query(`VACUUM (ANALYZE) "Case"`);
    await c.query(`VACUUM (ANALYZE) "Exception"`);
    log(`  VACUUM ANALYZE in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}
