/**
 * `npm run bench:learning`: the learning loop's queries on a large outcome history.
 *   1. a fresh database `wb_bench_learning` on DATABASE_URL's server (default
 *      postgresql://postgres@127.0.0.1:5432/test), migrated, with the demo master data and users; then
 *      --cases (1,000,000) resolved cases over 18 months generated in SQL (25 types, skewed; 7 sites;
 *      60 suppliers; resolution codes: not an issue, cleared, fixed, confirmed actions…; stored threshold
 *      comparisons on the tunable types) and an approved action on every acted-on case; VACUUM ANALYZE;
 *   2. the case page's similar-case query (SIMILAR_CASES_SQL) for --subjects random (type, site,
 *      supplier) subjects, half as a two-site planner and half as an admin, through a pool configured
 *      like the read pool: sequential, then --concurrency clients at once; p50/p95/p99/max;
 *   3. the Rule tuning page's outcome aggregate, and one full proposal computation (the nightly job);
 *   4. drops the database (--keep keeps it, --reuse uses a kept one).
 */
import pg from "pg";
import { dropDatabase, ensureDatabaseExists, migrate, splitDatabaseUrl } from "@/lib/cli/database";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { RECENT_LIMIT, SIMILAR_CASES_SQL } from "@/lib/server/learning/similar-cases-sql";
import { loadOutcomeGroups } from "@/lib/server/learning/load-history";
import { computeThresholdProposals } from "@/lib/server/learning/threshold-proposals";
import { TUNABLE_RULES } from "@/lib/domain/learning/rule-triggers";
import { IMPLEMENTED_TYPES } from "@/lib/domain/detect/rules";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const flag = (name: string) => process.argv.includes(`--${name}`);
const CASES = Number(arg("cases") ?? 1_000_000);
const SUBJECTS = Number(arg("subjects") ?? 400);
const CONCURRENCY = Number(arg("concurrency") ?? 20);
const DB_NAME = "wb_bench_learning";
const log = (m: string) => console.log(`[bench:learning] ${m}`);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n.toFixed(1)} ms`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const summary = (xs: number[]) => `p50 ${ms(quantile(xs, 0.5))}   p95 ${ms(quantile(xs, 0.95))}   p99 ${ms(quantile(xs, 0.99))}   max ${ms(Math.max(...xs))}`;

/** Resolved history in SQL: indexes dropped during the load and rebuilt after. */
async function generateHistory(url: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET maintenance_work_mem = '512MB'`);
    const { rows: indexes } = await c.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('Case', 'CaseAction') AND indexname NOT LIKE '%\\_pkey'`,
    );
    for (const i of indexes) await c.query(`DROP INDEX "${i.name}"`);
    await c.query(`SELECT setseed(0.7)`);
    const types = [...IMPLEMENTED_TYPES];
    const keys = types.map((t) => TUNABLE_RULES[t]?.key ?? "");
    let t = Date.now();
    await c.query(
      `WITH st AS (SELECT array_agg(id ORDER BY code) AS ids, count(*)::int AS n FROM "Location"),
            sp AS (SELECT array_agg(id ORDER BY code) AS ids, count(*)::int AS n FROM "Supplier"),
            r AS (SELECT g, random() + 0 * g AS r_type, random() AS r_site, random() AS r_sup, random() AS r_code, random() AS r_age, random() AS r_days, random() AS r_val, random() AS r_exp
                  FROM generate_series(1, $1::int) g),
            v AS (
              SELECT g, 1 + floor(power(r_type, 1.8) * array_length($2::text[], 1))::int AS ti, 1 + floor(r_site * st.n)::int AS si, 1 + floor(r_sup * sp.n)::int AS pi,
                CASE WHEN ($2::text[])[1 + floor(power(r_type, 1.8) * array_length($2::text[], 1))::int] = 'ASN_OVERDUE' AND r_code < 0.8 AND r_val < 0.4 THEN 'NOT_AN_ISSUE'
                     WHEN r_code < 0.25 THEN 'NOT_AN_ISSUE' WHEN r_code < 0.45 THEN NULL WHEN r_code < 0.55 THEN 'FIXED' WHEN r_code < 0.60 THEN 'SOURCE_DATA_ERROR'
                     WHEN r_code < 0.90 THEN 'ACTION_CONFIRMED' WHEN r_code < 0.95 THEN 'DUPLICATE' ELSE 'OTHER' END AS code,
                now() - interval '1 day' * 540 * r_age AS resolved, (0.1 + 20 * r_days * r_days) AS days, r_val * 10 AS val, round((exp(r_exp * 9))::numeric, 2)::float8 AS exp,
                st.ids AS sites, sp.ids AS sups
              FROM r, st, sp)
       INSERT INTO "Case" (id, "causeKey", title, "primaryType", "siteId", "supplierId", severity, score, "serviceExposure", "financialExposure", exposure, urgency, confidence,
         explanation, "configVersion", status, "openedAt", "dataAsOf", "slaDueAt", "lastScoredAt", "resolvedAt", "resolutionCode", "resolutionReason", "ruleTriggers")
       SELECT 'h' || g, 'bench:' || g, 'Bench history', ($2::text[])[ti], sites[si], sups[pi], 'LOW', exp, exp, 0, exp, 0, 1, '{}', 1, 'RESOLVED',
         resolved - interval '1 day' * days, resolved - interval '1 day' * days, resolved, resolved, resolved, code, CASE WHEN code IS NULL THEN 'CONDITION_CLEARED' END,
         CASE WHEN ($3::text[])[ti] = '' THEN '{}'::jsonb ELSE jsonb_build_object('f' || g, jsonb_build_object('type', ($2::text[])[ti], 'key', ($3::text[])[ti], 'value', val,
           'threshold', 1, 'also', false, 'siteId', sites[si], 'itemId', NULL)) END
       FROM v`,
      [n, types, keys],
    );
    log(`${fmt(n)} cases in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    t = Date.now();
    await c.query(
      `INSERT INTO "CaseAction" (id, "caseId", type, status, payload, "valueUsd", note, "requestedById", "requestedAt", "decidedAt", "policyVersion")
       SELECT 'a' || c.id, c.id, (ARRAY['EXPEDITE','EXPEDITE','TRANSFER','REALLOCATE','RECOUNT','HOLD','ADJUST'])[1 + floor(random() * 7)::int]::"ActionType", 'APPROVED', '{}', 0, 'bench',
         'usr_planner', c."openedAt", c."resolvedAt", 1
       FROM "Case" c WHERE c."resolutionCode" = 'ACTION_CONFIRMED'`,
    );
    log(`approved actions in ${((Date.now() - t) / 1000).toFixed(0)} s; rebuilding ${indexes.length} indexes …`);
    t = Date.now();
    for (const i of indexes) await c.query(i.def);
    await c.query(`VACUUM ANALYZE "Case"`);
    await c.query(`VACUUM ANALYZE "CaseAction"`);
    log(`indexes and statistics in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  } finally {
    await c.end();
  }
}

async function prepare(serverUrl: string): Promise<string> {
  const url = `${serverUrl}/${DB_NAME}`;
  if (flag("reuse")) return url;
  await dropDatabase(serverUrl, DB_NAME);
  await ensureDatabaseExists(serverUrl, DB_NAME);
  migrate(url, log);
  const prisma = createPrismaClient(url);
  try {
    await seedDemo(prisma, { databaseUrl: url, scale: "demo", seed: 42 });
  } finally {
    await prisma.$disconnect();
  }
  await generateHistory(url, CASES);
  return url;
}

type Subject = { id: string; primaryType: string; siteId: string; supplierId: string; siteIds: string[] | null };

async function similarQueries(url: string): Promise<void> {
  // Configured like lib/server/dal/read-pool.ts.
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY, options: "-c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=15000" });
  try {
    const { rows: sites } = await pool.query<{ id: string }>(`SELECT id FROM "Location" ORDER BY code`);
    const { rows: picks } = await pool.query<{ primaryType: string; siteId: string; supplierId: string }>(
      `SELECT "primaryType", "siteId", "supplierId" FROM "Case" TABLESAMPLE SYSTEM (1) WHERE "supplierId" IS NOT NULL LIMIT $1`,
      [SUBJECTS],
    );
    const subjects: Subject[] = picks.map((p, i) => ({ ...p, id: `subject-${i}`, siteIds: i % 2 ? null : [p.siteId, sites[(sites.findIndex((s) => s.id === p.siteId) + 1) % sites.length].id] }));
    const since = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const run = async (s: Subject) => {
      const t = performance.now();
      await pool.query(SIMILAR_CASES_SQL, [s.primaryType, since, s.id, s.siteId, s.supplierId, s.siteIds, RECENT_LIMIT]);
      return performance.now() - t;
    };
    for (const s of subjects.slice(0, 20)) await run(s); // warm-up
    const seq: number[] = [];
    for (const s of subjects) seq.push(await run(s));
    console.log(`\nSimilar-case outcomes (case page), ${fmt(CASES)} resolved cases, ${subjects.length} subjects (half planner-scoped):`);
    console.log(`  sequential            ${summary(seq)}`);
    const conc: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < subjects.length) conc.push(await run(subjects[next++]));
      }),
    );
    const wall = performance.now() - started;
    console.log(`  ${CONCURRENCY} concurrent         ${summary(conc)}   (${(conc.length / (wall / 1000)).toFixed(0)} queries/s)`);
    const top = await pool.query<{ primaryType: string; n: number }>(`SELECT "primaryType", count(*)::int AS n FROM "Case" WHERE "resolvedAt" > now() - interval '365 days' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    console.log(`  largest type          ${top.rows[0].primaryType}: ${fmt(top.rows[0].n)} resolved in the last 365 days (the query reads its newest ${fmt(RECENT_LIMIT)})`);
    if (flag("explain")) {
      const s = subjects.find((x) => x.primaryType === top.rows[0].primaryType) ?? subjects[0];
      const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${SIMILAR_CASES_SQL}`, [s.primaryType, since, s.id, s.siteId, s.supplierId, s.siteIds, RECENT_LIMIT]);
      console.log(plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n"));
    }
  } finally {
    await pool.end();
  }
}

async function tuning(url: string): Promise<void> {
  const db = createPrismaClient(url);
  try {
    const since = new Date(Date.now() - 365 * 86_400_000);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      await loadOutcomeGroups(db, since);
      times.push(performance.now() - t);
    }
    console.log(`\nRule tuning page, outcome aggregate over the last 365 days: first ${ms(times[0])}, then ${ms(times[1])}, ${ms(times[2])}`);
    const r = await computeThresholdProposals(db, { now: new Date(), actor: { id: null, role: "system" } });
    console.log(`Proposal computation (job learning.proposals): ${fmt(r.ms)} ms — ${r.triggered} rule(s) at the trigger, ${r.created} proposal(s), ${r.noProposal.length} without one`);
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const serverUrl = splitDatabaseUrl(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test").serverUrl;
  let url: string | null = null;
  try {
    const t0 = Date.now();
    url = await prepare(serverUrl);
    log(`database ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await similarQueries(url);
    await tuning(url);
  } finally {
    if (url && !flag("keep")) await dropDatabase(serverUrl, DB_NAME).catch((e) => log(`could not drop ${DB_NAME}: ${e.message}`));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
