import pg from "pg";
import { SIMILAR_CASES_SQL, RECENT_LIMIT } from "@/lib/server/learning/similar-cases-sql";
(async () => {
  const c = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/wb_bench_learning", options: "-c jit=off -c max_parallel_workers_per_gather=0" });
  await c.connect();
  const since = new Date(Date.now() - 365 * 86400000).toISOString();
  const { rows: [s] } = await c.query(`SELECT "primaryType", "siteId", "supplierId" FROM "Case" WHERE "primaryType"='PO_NO_ASN' AND "supplierId" IS NOT NULL LIMIT 1`);
  for (const scope of [null, ["loc_dc_atl", "loc_dc_nj"]]) {
    const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${SIMILAR_CASES_SQL}`, [s.primaryType, since, "x", s.siteId, s.supplierId, scope, RECENT_LIMIT]);
    console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  await c.end();
})();
