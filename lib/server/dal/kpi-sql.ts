/**
 * SQL for the KPI dashboard cards: each statement aggregates real events set-based and mirrors one pure calculator
 * in lib/domain/kpi (same filters, same formulas; kpi-dashboard.test.ts holds the two equal on one data set).
 * Every statement takes $1 = the viewer's site ids (null = all sites) and works on plain `timestamp` columns (UTC).
 * Most read the per-row snapshot views of migration kpi_snapshots (kpi_case_facts, kpi_po_line_facts…, refreshed by
 * the kpi.refresh job): per-case touches and reopen checks or per-line receipt windows computed at query time took
 * 1–4 s on a year of history.
 */

/** Weekday (Mon–Fri) hours since the Monday 1970-01-05 — the SQL twin of weekdayHoursSinceEpoch. */
const weekdayHours = (t: string) =>
  `((floor(extract(epoch from (${t} - timestamp '1970-01-05')) / 604800) * 432000 + least(extract(epoch from (${t} - timestamp '1970-01-05')) - floor(extract(epoch from (${t} - timestamp '1970-01-05')) / 604800) * 604800, 432000)) / 3600.0)`;
export const businessHoursSql = (from: string, to: string) => `(${weekdayHours(to)} - ${weekdayHours(from)})`;

const SITE = (col: string) => `($1::text[] IS NULL OR ${col} = ANY($1::text[]))`;
const IN = (col: string, from: string, to: string) => `(${col} >= ${from} AND ${col} < ${to})`;

/** A REOPENED event within 14 days after a resolution. */
const REOPENED_14D = `EXISTS (SELECT 1 FROM "CaseEvent" ro WHERE ro."caseId" = c.id AND ro.type = 'REOPENED'
  AND EXISTS (SELECT 1 FROM "CaseEvent" rs WHERE rs."caseId" = c.id AND rs.type IN ('RESOLVED', 'WRITE_BACK_CONFIRMED')
              AND rs."createdAt" <= ro."createdAt" AND rs."createdAt" > ro."createdAt" - interval '14 days'))`;
const DEADLINE = `COALESCE((c.explanation->'vector'->>'t_star')::timestamp, c."slaDueAt")`;

/**
 * Headline numbers for one period: $2 from, $3 to (UTC day boundaries), $4 now (the snapshot fixed "SLA due by now"
 * when it refreshed). Sums of the per-day rows of kpi_case_daily; the MTTR percentiles from the per-case facts of the
 * cases resolved in the period (index-only on kpi_case_facts_resolved).
 */
export const HEADLINE_SQL = `
SELECT sum(opened) AS opened, sum(resolved) AS closed, sum(bh_sum) / nullif(sum(resolved), 0) AS mttr_mean,
       (SELECT percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY f.business_hours) FROM kpi_case_facts f WHERE ${SITE(`f."siteId"`)} AND ${IN(`f."resolvedAt"`, "$2", "$3")}) AS mttr_pct,
       sum(due) AS sla_due, sum(breached) AS sla_breached, sum(human_closed) AS human_closed, sum(first_touch) AS first_touch,
       sum(touches) AS touches, sum(no_touch) AS no_touch, sum(auto_routed) AS auto_routed, sum(dismissed) AS dismissed,
       sum(opened_usd) AS opened_usd, sum(in_time_usd) AS in_time_usd
FROM kpi_case_daily d
WHERE ${SITE(`d."siteId"`)} AND ${IN("d.day", "$2", "$3")} AND $4::timestamp IS NOT NULL`;

/** Backlog at $2 (the period end) by age bucket, and intake over [$3, $2). */
export const BACKLOG_SQL = `
SELECT
  count(*) FILTER (WHERE c."openedAt" < $2 AND (c."resolvedAt" IS NULL OR c."resolvedAt" > $2)) AS backlog,
  count(*) FILTER (WHERE c."openedAt" < $2 AND (c."resolvedAt" IS NULL OR c."resolvedAt" > $2) AND floor(extract(epoch from ($2 - c."openedAt")) / 86400) <= 2) AS b0,
  count(*) FILTER (WHERE c."openedAt" < $2 AND (c."resolvedAt" IS NULL OR c."resolvedAt" > $2) AND floor(extract(epoch from ($2 - c."openedAt")) / 86400) BETWEEN 3 AND 7) AS b1,
  count(*) FILTER (WHERE c."openedAt" < $2 AND (c."resolvedAt" IS NULL OR c."resolvedAt" > $2) AND floor(extract(epoch from ($2 - c."openedAt")) / 86400) BETWEEN 8 AND 14) AS b2,
  count(*) FILTER (WHERE c."openedAt" < $2 AND (c."resolvedAt" IS NULL OR c."resolvedAt" > $2) AND floor(extract(epoch from ($2 - c."openedAt")) / 86400) > 14) AS b3,
  count(*) FILTER (WHERE c."openedAt" >= $3 AND c."openedAt" < $2) AS intake
FROM kpi_case_facts c
WHERE ${SITE(`c."siteId"`)} AND c."openedAt" < $2 AND (c."resolvedAt" IS NULL OR c."resolvedAt" > $2 OR c."openedAt" >= $3)`;

/** Mean / P50 / P90 business hours to resolution grouped by $4 ('type' | 'severity' | 'site'), cases resolved in [$2, $3). */
export const RESOLUTION_BY_SQL = `
SELECT CASE $4::text WHEN 'type' THEN c.type WHEN 'severity' THEN c.severity ELSE l.code END AS key,
       count(*) AS n, avg(c.business_hours) AS mean,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY c.business_hours) AS p50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY c.business_hours) AS p90
FROM kpi_case_facts c JOIN "Location" l ON l.id = c."siteId"
WHERE ${SITE(`c."siteId"`)} AND ${IN(`c."resolvedAt"`, "$2", "$3")}
GROUP BY 1`;

/**
 * Cases per time bucket ($4 = 'day' | 'week') from the daily snapshot (kpi_case_daily): opened, resolved, SLA due
 * (by the last refresh) and breached, $ opened. $5 is unused here (the snapshot fixed "due by now" when it refreshed).
 */
export const TIMESERIES_SQL = `
WITH b AS (SELECT generate_series(date_trunc($4, $2::timestamp), $3::timestamp - interval '1 microsecond', ('1 ' || $4)::interval) AS bucket),
d AS (SELECT date_trunc($4, day) AS bucket, sum(opened) AS opened, sum(opened_usd) AS opened_usd, sum(resolved) AS resolved, sum(due) AS due, sum(breached) AS breached
      FROM kpi_case_daily WHERE ${SITE(`"siteId"`)} AND ${IN("day", "$2", "$3")} AND $5::timestamp IS NOT NULL GROUP BY 1)
SELECT b.bucket, COALESCE(d.opened, 0) AS opened, COALESCE(d.opened_usd, 0) AS opened_usd, COALESCE(d.resolved, 0) AS resolved,
       COALESCE(d.due, 0) AS due, COALESCE(d.breached, 0) AS breached
FROM b LEFT JOIN d USING (bucket) ORDER BY b.bucket`;

/** Cases opened in [$2, $3) by $4 ('type' | 'site' | 'supplier'): count, $ and how many are still open. Codes, for drill-down. */
export const BREAKDOWN_SQL = `
SELECT CASE $4::text WHEN 'type' THEN c."primaryType" WHEN 'site' THEN l.code ELSE COALESCE(s.code, '(none)') END AS key,
       count(*) AS opened, COALESCE(sum(c.exposure), 0) AS exposure,
       count(*) FILTER (WHERE c.status <> 'RESOLVED') AS still_open,
       count(*) FILTER (WHERE c."resolvedAt" IS NOT NULL) AS resolved
FROM "Case" c JOIN "Location" l ON l.id = c."siteId" LEFT JOIN "Supplier" s ON s.id = c."supplierId"
WHERE ${SITE(`c."siteId"`)} AND ${IN(`c."openedAt"`, "$2", "$3")}
GROUP BY 1 ORDER BY opened DESC, key LIMIT 50`;

/** P50 / P90 hours detectedAt − eventAt of exceptions detected in [$2, $3), per source. */
export const DETECTION_SQL = `
SELECT e.source, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY e.latency_hours) AS p50,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY e.latency_hours) AS p90
FROM kpi_exception_facts e
WHERE ${SITE(`e."siteId"`)} AND ${IN(`e."detectedAt"`, "$2", "$3")}
GROUP BY ROLLUP (e.source)`;

/** Actions decided in [$2, $3) against the case's executable recommendations. */
export const RECOMMENDATIONS_SQL = `
SELECT count(*) AS decided,
       count(*) FILTER (WHERE status = 'APPROVED' AND recommended AND type = top AND revision = 1) AS accepted,
       count(*) FILTER (WHERE status = 'APPROVED' AND recommended AND NOT (type = top AND revision = 1)) AS modified,
       count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
       count(*) FILTER (WHERE status = 'APPROVED' AND NOT recommended) AS override
FROM kpi_action_facts a
WHERE ${SITE(`a."siteId"`)} AND ${IN(`a."decidedAt"`, "$2", "$3")} AND top IS NOT NULL`;

/** Closed and dismissed (NOT_AN_ISSUE) cases per rule, resolved in [$2, $3). */
export const DISMISSALS_SQL = `
SELECT c.type AS rule, count(*) AS closed, count(*) FILTER (WHERE c."resolutionCode" = 'NOT_AN_ISSUE') AS dismissed
FROM kpi_case_facts c WHERE ${SITE(`c."siteId"`)} AND ${IN(`c."resolvedAt"`, "$2", "$3")}
GROUP BY 1 ORDER BY dismissed DESC, rule`;

/** Sales-order lines (not cancelled) promised to ship in [$2, $3) and by $4, read per order (kpi_so_order_facts). */
export const FILL_SQL = `
WITH f AS (
  SELECT * FROM kpi_so_order_facts f
  WHERE ${SITE(`f."siteId"`)} AND ${IN(`f."promisedShipDate"`, "$2", "$3")} AND f."promisedShipDate" <= $4
), split AS (
  SELECT bool_and(complete) AS complete FROM f WHERE groups_in_order > 1 GROUP BY "salesOrderId"
)
SELECT COALESCE(sum(lines), 0) AS lines, sum(shipped) AS shipped, sum(ordered) AS ordered, COALESCE(sum(lines_complete), 0) AS lines_complete,
       count(*) FILTER (WHERE groups_in_order = 1) + (SELECT count(*) FROM split) AS orders,
       count(*) FILTER (WHERE groups_in_order = 1 AND complete) + (SELECT count(*) FROM split WHERE complete) AS orders_complete
FROM f`;

/**
 * Inbound OTIF per supplier: PO lines due ($5 basis) in [$2, $3) whose window closed by $4 (due + 2 days: the view's
 * window is [due − 3 d, due + 1 d], DEFAULT_OTIF_TOLERANCE); in full = qty received in the window within ±$6 % of ordered.
 */
export const OTIF_SQL = `
WITH l AS (
  SELECT supplier, "qtyOrdered", CASE WHEN $5::text = 'first_confirmed' THEN due_first ELSE due_last END AS due,
         CASE WHEN $5::text = 'first_confirmed' THEN window_qty_first ELSE window_qty_last END AS qty
  FROM kpi_po_line_facts f
  WHERE ${SITE(`f."siteId"`)} AND CASE WHEN $5::text = 'first_confirmed' THEN ${IN("due_first", "$2", "$3")} ELSE ${IN("due_last", "$2", "$3")} END
)
SELECT supplier, count(*) AS eligible, count(*) FILTER (WHERE abs(qty - "qtyOrdered") <= "qtyOrdered" * $6::float8 / 100) AS otif
FROM l WHERE due + interval '2 days' <= $4
GROUP BY ROLLUP (supplier) ORDER BY supplier NULLS FIRST`;

/** Supplier on-time, 12 months before $2: Σ min(ordered, qty received by the end of the promised day) ÷ Σ ordered, per supplier. */
export const SUPPLIER_ON_TIME_SQL = `
SELECT supplier, count(*) AS lines, sum("qtyOrdered") AS ordered, sum(on_time_qty) AS on_time
FROM kpi_po_line_facts f
WHERE ${SITE(`f."siteId"`)} AND f."promisedDate" >= $2::timestamp - interval '365 days' AND f."promisedDate" < $2
GROUP BY ROLLUP (supplier) ORDER BY supplier NULLS FIRST`;

/** Open cases and $ at risk per supplier (the scorecard's exception side). */
export const SUPPLIER_CASES_SQL = `
SELECT s.code AS supplier, count(*) AS open_cases, COALESCE(sum(c.exposure), 0) AS open_usd
FROM "Case" c JOIN "Supplier" s ON s.id = c."supplierId"
WHERE ${SITE(`c."siteId"`)} AND c.status <> 'RESOLVED'
GROUP BY 1`;

/** Cycle counts in [$2, $3) per ABC class: counted and hits within tolerance (A 1 %, B 3 %, C 5 %, others as C). */
export const IRA_SQL = `
WITH k AS (
  SELECT CASE WHEN upper(trim(i."abcClass")) IN ('A', 'B', 'C') THEN upper(trim(i."abcClass")) ELSE 'C' END AS abc, cc."systemQty", cc."countedQty"
  FROM "CycleCount" cc JOIN "Item" i ON i.id = cc."itemId"
  WHERE ${SITE(`cc."locationId"`)} AND ${IN(`cc."countedAt"`, "$2", "$3")}
)
SELECT abc, count(*) AS counted,
       count(*) FILTER (WHERE abs("countedQty" - "systemQty") <= (CASE abc WHEN 'A' THEN 0.01 WHEN 'B' THEN 0.03 ELSE 0.05 END) * abs("systemQty")) AS hits
FROM k GROUP BY abc ORDER BY abc`;

/**
 * Team performance for cases resolved in [$2, $3): per person — cases resolved while assigned to them,
 * their median business hours to resolution, and their human actions in the period on the sites' cases.
 */
export const TEAM_SQL = `
WITH acts AS (
  SELECT a."actorId", sum(a.touches) AS touches
  FROM kpi_actor_daily a
  WHERE ${SITE(`a."siteId"`)} AND ${IN(`a.day`, "$2", "$3")}
  GROUP BY 1
), res AS (
  SELECT c."assigneeId" AS "actorId", count(*) AS resolved, percentile_cont(0.5) WITHIN GROUP (ORDER BY c.business_hours) AS p50
  FROM kpi_case_facts c
  WHERE ${SITE(`c."siteId"`)} AND ${IN(`c."resolvedAt"`, "$2", "$3")} AND c."assigneeId" IS NOT NULL
  GROUP BY 1
)
SELECT u.id, u.name, u.role::text AS role, COALESCE(acts.touches, 0) AS touches, COALESCE(res.resolved, 0) AS resolved, res.p50
FROM "User" u LEFT JOIN acts ON acts."actorId" = u.id LEFT JOIN res ON res."actorId" = u.id
WHERE (acts.touches IS NOT NULL OR res.resolved IS NOT NULL)
ORDER BY resolved DESC, touches DESC, u.name LIMIT 50`;
