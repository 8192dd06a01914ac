import { test } from "node:test";
import assert from "node:assert/strict";
import { DISMISSAL_MEMORY_DAYS, staysDismissed } from "@/lib/domain/case/dismissal-memory";

const NOW = new Date("2026-12-06T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const dismissed = { score: 1000, severity: "MEDIUM", resolvedAt: daysAgo(2) };

test("the same situation, or a milder one, stays dismissed", () => {
  assert.equal(staysDismissed(dismissed, { score: 1000, severity: "MEDIUM" }, NOW), true);
  assert.equal(staysDismissed(dismissed, { score: 400, severity: "LOW" }, NOW), true);
});

test("a score up to 25 % higher stays dismissed; more than that re-opens", () => {
  assert.equal(staysDismissed(dismissed, { score: 1250, severity: "MEDIUM" }, NOW), true);
  assert.equal(staysDismissed(dismissed, { score: 1251, severity: "HIGH" }, NOW), false);
});

test("becoming critical re-opens whatever the score", () => {
  assert.equal(staysDismissed(dismissed, { score: 900, severity: "CRITICAL" }, NOW), false);
  assert.equal(staysDismissed({ ...dismissed, severity: "CRITICAL" }, { score: 900, severity: "CRITICAL" }, NOW), true);
});

test(`a dismissal is remembered for ${DISMISSAL_MEMORY_DAYS} days`, () => {
  assert.equal(staysDismissed({ ...dismissed, resolvedAt: daysAgo(DISMISSAL_MEMORY_DAYS) }, { score: 1000, severity: "MEDIUM" }, NOW), true);
  assert.equal(staysDismissed({ ...dismissed, resolvedAt: daysAgo(DISMISSAL_MEMORY_DAYS + 0.01) }, { score: 1000, severity: "MEDIUM" }, NOW), false);
});
