-- KPI dashboard snapshots (lib/server/kpi/refresh.ts, job kpi.refresh). Materialized views of per-row facts the
-- dashboard aggregates: computing touches and reopen checks per case, or receipt windows per PO line, at query time
-- took 1–4 s on a year of history (npm run bench:kpi). Refreshed CONCURRENTLY (each has a unique index), so readers
-- never wait; the dashboard shows when they were last refreshed (KpiSnapshotRefresh).

-- Per case: the timestamps and codes the KPIs filter on, business hours to resolution (weekdays only, UTC; the
-- twin of businessHoursBetween), human touches, and whether it was reopened within 14 days of a resolution.
CREATE MATERIALIZED VIEW kpi_case_facts AS
WITH ev AS (
  SELECT "caseId",
         count(*) FILTER (WHERE "actorId" IS NOT NULL) AS touches,
         bool_or(type = 'REOPENED' AND last_res > "createdAt" - interval '14 days') AS reopened_14d
  FROM (
    SELECT "caseId", "actorId", type, "createdAt",
           max("createdAt") FILTER (WHERE type IN ('RESOLVED', 'WRITE_BACK_CONFIRMED')) OVER (PARTITION BY "caseId" ORDER BY "createdAt") AS last_res
    FROM "CaseEvent"
  ) e
  GROUP BY "caseId"
)
SELECT c.id, c."siteId", c."primaryType" AS type, c.severity::text AS severity, c."supplierId", c."assigneeId",
       c."openedAt", c."resolvedAt", c."slaDueAt", c."autoRouted", c."resolutionCode", c.exposure,
       COALESCE((c.explanation->'vector'->>'t_star')::timestamp, c."slaDueAt") AS deadline,
       CASE WHEN c."resolvedAt" IS NOT NULL THEN
         ((floor(extract(epoch from (c."resolvedAt" - timestamp '1970-01-05')) / 604800) * 432000
           + least(extract(epoch from (c."resolvedAt" - timestamp '1970-01-05')) - floor(extract(epoch from (c."resolvedAt" - timestamp '1970-01-05')) / 604800) * 604800, 432000))
          - (floor(extract(epoch from (c."openedAt" - timestamp '1970-01-05')) / 604800) * 432000
           + least(extract(epoch from (c."openedAt" - timestamp '1970-01-05')) - floor(extract(epoch from (c."openedAt" - timestamp '1970-01-05')) / 604800) * 604800, 432000))) / 3600.0
       END AS business_hours,
       COALESCE(ev.touches, 0) AS touches,
       COALESCE(ev.reopened_14d, false) AS reopened_14d
FROM "Case" c LEFT JOIN ev ON ev."caseId" = c.id;
CREATE UNIQUE INDEX kpi_case_facts_id ON kpi_case_facts (id);
CREATE INDEX kpi_case_facts_opened ON kpi_case_facts ("openedAt");
CREATE INDEX kpi_case_facts_resolved ON kpi_case_facts ("resolvedAt") INCLUDE ("siteId", business_hours);
CREATE INDEX kpi_case_facts_sla ON kpi_case_facts ("slaDueAt");

-- Human actions per day, site and person (team performance).
CREATE MATERIALIZED VIEW kpi_actor_daily AS
SELECT date_trunc('day', ev."createdAt") AS day, c."siteId", ev."actorId", count(*) AS touches
FROM "CaseEvent" ev JOIN "Case" c ON c.id = ev."caseId"
WHERE ev."actorId" IS NOT NULL
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX kpi_actor_daily_key ON kpi_actor_daily (day, "siteId", "actorId");

-- Per PO line (PO not cancelled): quantity received on or before the promised day (supplier on-time), and inside
-- the OTIF window [due − 3 d, due + 1 d] for both date bases. The window is DEFAULT_OTIF_TOLERANCE in
-- lib/domain/kpi/supply.ts; changing it there needs a migration that recreates this view.
CREATE MATERIALIZED VIEW kpi_po_line_facts AS
SELECT pl.id, s.code AS supplier, po."locationId" AS "siteId", pl."qtyOrdered", pl."promisedDate",
       date_trunc('day', pl."promisedDate") AS due_last, date_trunc('day', pl."originalPromisedDate") AS due_first,
       least(pl."qtyOrdered", COALESCE(sum(rl."qtyReceived") FILTER (WHERE r."receivedAt" < date_trunc('day', pl."promisedDate") + interval '1 day'), 0)) AS on_time_qty,
       COALESCE(sum(rl."qtyReceived") FILTER (WHERE r."receivedAt" >= date_trunc('day', pl."promisedDate") - interval '3 days'
                                            AND r."receivedAt" < date_trunc('day', pl."promisedDate") + interval '2 days'), 0) AS window_qty_last,
       COALESCE(sum(rl."qtyReceived") FILTER (WHERE r."receivedAt" >= date_trunc('day', pl."originalPromisedDate") - interval '3 days'
                                            AND r."receivedAt" < date_trunc('day', pl."originalPromisedDate") + interval '2 days'), 0) AS window_qty_first
FROM "PurchaseOrderLine" pl
JOIN "PurchaseOrder" po ON po.id = pl."purchaseOrderId"
JOIN "Supplier" s ON s.id = po."supplierId"
LEFT JOIN "ReceiptLine" rl ON rl."purchaseOrderLineId" = pl.id
LEFT JOIN "Receipt" r ON r.id = rl."receiptId"
WHERE po.status <> 'CANCELLED' AND pl."qtyOrdered" > 0
GROUP BY pl.id, s.code, po."locationId";
CREATE UNIQUE INDEX kpi_po_line_facts_id ON kpi_po_line_facts (id);
CREATE INDEX kpi_po_line_facts_promised ON kpi_po_line_facts ("promisedDate");
CREATE INDEX kpi_po_line_facts_due_last ON kpi_po_line_facts (due_last);
CREATE INDEX kpi_po_line_facts_due_first ON kpi_po_line_facts (due_first);

-- Sales-order lines (order not cancelled) per order, ship-from site and promised instant: what fill rates need.
-- groups_in_order = 1 (nearly every order) means the row is the whole order, so the query counts orders without
-- grouping lines again; the rare order split over dates or DCs is regrouped at query time.
CREATE MATERIALIZED VIEW kpi_so_order_facts AS
SELECT g.*, count(*) OVER (PARTITION BY g."salesOrderId") AS groups_in_order
FROM (
  SELECT l."salesOrderId", COALESCE(l."locationId", o."locationId") AS "siteId", l."promisedShipDate",
         count(*) AS lines, sum(l."qtyOrdered") AS ordered, sum(least(l."qtyShipped", l."qtyOrdered")) AS shipped,
         count(*) FILTER (WHERE l."qtyShipped" >= l."qtyOrdered") AS lines_complete, bool_and(l."qtyShipped" >= l."qtyOrdered") AS complete
  FROM "SalesOrderLine" l JOIN "SalesOrder" o ON o.id = l."salesOrderId"
  WHERE o.status <> 'CANCELLED' AND l."qtyOrdered" > 0
  GROUP BY 1, 2, 3
) g;
CREATE UNIQUE INDEX kpi_so_order_facts_key ON kpi_so_order_facts ("salesOrderId", "siteId", "promisedShipDate");
CREATE INDEX kpi_so_order_facts_promised ON kpi_so_order_facts ("promisedShipDate");

-- Cases per day and site, from kpi_case_facts (refreshed after it): what opened (count, $, auto-routed, $ resolved
-- before its deadline), what was resolved (count, business-hour sum, human-closed, first-touch, touches, no-touch,
-- dismissed) and SLAs that fell due by the refresh (and were breached). The headline and time-series cards sum
-- these rows; only the MTTR percentiles read per-case facts.
CREATE MATERIALIZED VIEW kpi_case_daily AS
WITH o AS (SELECT date_trunc('day', "openedAt") AS day, "siteId", count(*) AS opened, sum(exposure) AS opened_usd,
                  count(*) FILTER (WHERE "autoRouted") AS auto_routed, COALESCE(sum(exposure) FILTER (WHERE "resolvedAt" < deadline), 0) AS in_time_usd
           FROM kpi_case_facts GROUP BY 1, 2),
r AS (SELECT date_trunc('day', "resolvedAt") AS day, "siteId", count(*) AS resolved, sum(business_hours) AS bh_sum,
             count(*) FILTER (WHERE touches > 0) AS human_closed, count(*) FILTER (WHERE touches = 1 AND NOT reopened_14d) AS first_touch,
             sum(touches) AS touches, count(*) FILTER (WHERE touches = 0) AS no_touch, count(*) FILTER (WHERE "resolutionCode" = 'NOT_AN_ISSUE') AS dismissed
      FROM kpi_case_facts WHERE "resolvedAt" IS NOT NULL GROUP BY 1, 2),
s AS (SELECT date_trunc('day', "slaDueAt") AS day, "siteId", count(*) AS due, count(*) FILTER (WHERE "resolvedAt" IS NULL OR "resolvedAt" > "slaDueAt") AS breached
      FROM kpi_case_facts WHERE "slaDueAt" <= now() GROUP BY 1, 2)
SELECT day, "siteId",
       COALESCE(o.opened, 0) AS opened, COALESCE(o.opened_usd, 0) AS opened_usd, COALESCE(o.auto_routed, 0) AS auto_routed, COALESCE(o.in_time_usd, 0) AS in_time_usd,
       COALESCE(r.resolved, 0) AS resolved, COALESCE(r.bh_sum, 0) AS bh_sum, COALESCE(r.human_closed, 0) AS human_closed, COALESCE(r.first_touch, 0) AS first_touch,
       COALESCE(r.touches, 0) AS touches, COALESCE(r.no_touch, 0) AS no_touch, COALESCE(r.dismissed, 0) AS dismissed,
       COALESCE(s.due, 0) AS due, COALESCE(s.breached, 0) AS breached
FROM o FULL JOIN r USING (day, "siteId") FULL JOIN s USING (day, "siteId");
CREATE UNIQUE INDEX kpi_case_daily_key ON kpi_case_daily (day, "siteId");

-- Per exception: detection latency and the source it came from.
CREATE MATERIALIZED VIEW kpi_exception_facts AS
SELECT e.id, e."siteId", e."detectedAt",
       COALESCE(e.evidence->>'sourceSystem', i."sourceSystem", l."sourceSystem", 'unknown') AS source,
       greatest(0, extract(epoch from (e."detectedAt" - e."eventAt")) / 3600) AS latency_hours
FROM "Exception" e JOIN "Location" l ON l.id = e."siteId" LEFT JOIN "Item" i ON i.id = e."itemId";
CREATE UNIQUE INDEX kpi_exception_facts_id ON kpi_exception_facts (id);
CREATE INDEX kpi_exception_facts_detected ON kpi_exception_facts ("detectedAt");

-- Per decided action on a case with an executable recommendation: its type against the recommendations.
CREATE MATERIALIZED VIEW kpi_action_facts AS
SELECT a.id, c."siteId", a."decidedAt", a.status::text AS status, a.type::text AS type, a.revision,
       (SELECT r->>'actionType' FROM jsonb_array_elements(c.recommendations) r WHERE r->>'actionType' IS NOT NULL ORDER BY (r->>'rank')::int LIMIT 1) AS top,
       EXISTS (SELECT 1 FROM jsonb_array_elements(c.recommendations) r WHERE r->>'actionType' = a.type::text) AS recommended
FROM "CaseAction" a JOIN "Case" c ON c.id = a."caseId"
WHERE a.status IN ('APPROVED', 'REJECTED') AND a."decidedAt" IS NOT NULL;
CREATE UNIQUE INDEX kpi_action_facts_id ON kpi_action_facts (id);
CREATE INDEX kpi_action_facts_decided ON kpi_action_facts ("decidedAt");

-- When the snapshots were last refreshed (one row).
CREATE TABLE "KpiSnapshotRefresh" (
  "id" INTEGER NOT NULL DEFAULT 1,
  "refreshedAt" TIMESTAMP(3) NOT NULL,
  "ms" INTEGER NOT NULL,
  CONSTRAINT "KpiSnapshotRefresh_pkey" PRIMARY KEY ("id")
);
