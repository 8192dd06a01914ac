import { test } from "node:test";
import assert from "node:assert/strict";
import { describeEscalation, describeSla, durationInWords, formatFactor, formatImpact, formatUsdCents } from "@/lib/case-view/format-score";

const H = 3_600_000;

test("money is written to the cent and factors to four places", () => {
  assert.equal(formatUsdCents(39292.11), "$39,292.11");
  assert.equal(formatUsdCents(49), "$49.00");
  assert.equal(formatUsdCents(-0.5), "-$0.50");
  assert.equal(formatUsdCents(null), "—");
  assert.equal(formatUsdCents(Number.NaN), "—");
  assert.equal(formatFactor(0.5 + 0.5 * 0.1257), "0.5629");
  assert.equal(formatFactor(1), "1");
  assert.equal(formatFactor(0.7), "0.7");
  assert.equal(formatFactor(12345.6), "12345.6");
});

test("durations read as words, with hours kept for short multi-day spans", () => {
  assert.equal(durationInWords(30_000), "1 minute");
  assert.equal(durationInWords(45 * 60_000), "45 minutes");
  assert.equal(durationInWords(-5 * H), "5 hours");
  assert.equal(durationInWords(1 * H), "1 hour");
  assert.equal(durationInWords(27 * H), "1 day 3 hours");
  assert.equal(durationInWords(48 * H), "2 days");
  assert.equal(durationInWords(10 * 24 * H + 5 * H), "10 days");
});

test("SLA: due in the future, overdue in words, absolute time in UTC", () => {
  const now = new Date("2026-11-25T03:00:00Z");
  assert.deepEqual(describeSla(new Date("2026-11-25T07:00:00Z"), now), { overdue: false, relative: "due in 4 hours", absolute: "2026-11-25 07:00 UTC" });
  assert.deepEqual(describeSla(new Date("2026-11-23T00:00:00Z"), now), { overdue: true, relative: "overdue by 2 days 3 hours", absolute: "2026-11-23 00:00 UTC" });
});

test("escalation levels are explained", () => {
  assert.equal(describeEscalation(0), "Not escalated");
  assert.match(describeEscalation(1), /^Level 1: past its SLA/);
  assert.match(describeEscalation(2), /^Level 2: past twice its SLA/);
  assert.equal(describeEscalation(3), "Level 3");
});

test("recommendation impact is formatted as units, dollars and days", () => {
  assert.deepEqual(formatImpact({ unitsRecovered: 182, usdRecovered: 15842.19, daysGained: 7 }), { units: "182 units", usd: "$15,842", days: "7 days" });
  assert.deepEqual(formatImpact({ unitsRecovered: 1, usdRecovered: 12.5, daysGained: 1 }), { units: "1 unit", usd: "$12.50", days: "1 day" });
  assert.deepEqual(formatImpact({ unitsRecovered: 0.8, usdRecovered: 0, daysGained: 0 }), { units: "0.8 units", usd: "$0", days: "0 days" });
});
