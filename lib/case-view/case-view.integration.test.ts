/**
 * Integration: the case page's view of every case the seeded demo's detection run produced, read
 * through the real data-access layer. The written-out score arithmetic (as displayed text) must
 * multiply back to the stored total, per-finding components must add up to the exposures, and every
 * executable recommendation must pre-fill a proposal the real DAL accepts.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { explainScore } from "@/lib/case-view/score-explanation";
import { formatFactor, formatUsdCents } from "@/lib/case-view/format-score";
import { proposalDraft, readRecommendations } from "@/lib/case-view/recommendations";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  cases: typeof import("@/lib/server/dal/cases");
  evidence: typeof import("@/lib/server/dal/case-evidence");
  actions: typeof import("@/lib/server/dal/case-actions");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    cases: await import("@/lib/server/dal/cases"),
    evidence: await import("@/lib/server/dal/case-evidence"),
    actions: await import("@/lib/server/dal/case-actions"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

/** "$39,292.11" / "0.5629" back to a number, as a planner (or the e2e test) reads it. */
const parse = (text: string) => Number(text.replace(/[$,]/g, ""));

test("for every seeded case the displayed arithmetic reproduces the total and components sum to the exposures", async () => {
  const admin = (await mod.loadViewer(mod.prisma, "usr_admin"))!;
  const ids = await mod.prisma.case.findMany({ select: { id: true } });
  assert.ok(ids.length > 20, `the demo detection run produced cases (${ids.length})`);
  let withComponents = 0;
  for (const { id } of ids) {
    const c = await mod.cases.getCaseDetail(admin, id);
    const e = explainScore(c.explanation, c);
    const a = e.arithmetic;
    assert.equal(a.consistent, true, `case #${c.number}: stored total ${a.total} vs recomputed ${a.recomputed}`);
    assert.ok(Math.abs(a.total - c.score) < 0.01, `case #${c.number}: explanation total equals the case score`);
    // Recompute from the rounded, displayed numbers: error bounded by the 4-decimal factors.
    const shown = (parse(formatUsdCents(a.serviceExposure)) + parse(formatUsdCents(a.financialExposure))) * parse(formatFactor(a.urgencyFactor)) * parse(formatFactor(a.confidence));
    const tolerance = 0.011 + (a.serviceExposure + a.financialExposure) * 1e-4;
    assert.ok(Math.abs(shown - parse(formatUsdCents(a.total))) <= tolerance, `case #${c.number}: ${shown} vs ${a.total}`);
    assert.equal(e.terms.slice(0, 4).map((t) => t.code).join(), "service_exposure,financial_exposure,urgency_factor,confidence");
    if (e.components) {
      withComponents++;
      for (const g of e.components) assert.equal(g.matches, true, `case #${c.number}: Σ ${g.kind} components ${g.sum} = exposure ${g.exposure}`);
    }
    assert.ok(c.summary.length > 20, `case #${c.number} has a summary`);
  }
  assert.equal(withComponents, ids.length, "the current engine stores components on every case");
});

test("every executable recommendation pre-fills a proposal the data layer accepts, with a selectable source site", async () => {
  const admin = (await mod.loadViewer(mod.prisma, "usr_admin"))!;
  const planner = (await mod.loadViewer(mod.prisma, "usr_planner"))!;
  const cases = await mod.prisma.case.findMany({ select: { id: true, number: true, siteId: true, recommendations: true }, orderBy: { score: "desc" } });
  let executable = 0;
  for (const c of cases) {
    const recs = readRecommendations(c.recommendations);
    assert.equal(recs.length, Array.isArray(c.recommendations) ? c.recommendations.length : 0, `case #${c.number}: every stored recommendation is readable`);
    assert.deepEqual(recs.map((r) => r.rank), recs.map((_, i) => i + 1), `case #${c.number}: ranks run 1..n`);
    for (const r of recs) {
      const d = proposalDraft(r);
      assert.equal(d === null, r.actionType === null, `case #${c.number} ${r.code}: advice has no draft, actions do`);
      if (!d) continue;
      executable++;
      if (d.fromLocationId) {
        // The form's source list is getTransferSources plus the case site (rebalancing sends stock away from it).
        const sources = await mod.evidence.getTransferSources(admin, c.id);
        assert.ok(d.fromLocationId === c.siteId || sources.some((s) => s.id === d.fromLocationId), `case #${c.number} ${r.code}: source ${d.fromLocationId} is offered`);
      }
    }
  }
  assert.ok(executable > 0, "the demo has executable recommendations");

  // Submit the planner's best executable recommendation on one of their cases: it becomes a pending action.
  const mine = cases.filter((c) => planner.allSites || planner.siteIds.includes(c.siteId));
  const pick = mine.map((c) => ({ c, d: readRecommendations(c.recommendations).map(proposalDraft).find((x) => x !== null) })).find((x) => x.d);
  assert.ok(pick?.d, "the planner has a case with an executable recommendation");
  const { c, d } = pick;
  const action = await mod.actions.proposeAction(planner, { caseId: c.id, type: d.type, quantity: d.quantity, note: d.note, fromLocationId: d.fromLocationId, targetDate: d.targetDate });
  const stored = await mod.prisma.caseAction.findUniqueOrThrow({ where: { id: action.id }, include: { case: { select: { status: true } } } });
  assert.equal(stored.status, "PENDING_APPROVAL");
  assert.equal(stored.type, d.type);
  assert.equal((stored.payload as { quantity: number }).quantity, d.quantity);
  assert.equal(stored.case.status, "PENDING_APPROVAL");
});
