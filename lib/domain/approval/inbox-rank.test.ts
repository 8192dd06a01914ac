import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { rankApprovals, rankReason, type RankInput } from "@/lib/domain/approval/inbox-rank";

const NOW = new Date("2030-01-01T12:00:00Z");
const h = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const row = (id: string, valueUsd: number, over: Partial<RankInput> = {}): RankInput => ({ id, valueUsd, expiresAt: h(72), slaDueAt: h(96), requestedAt: h(-1), ...over });

describe("rankApprovals", () => {
  it("puts requests that are about to lapse first, then the largest value, then the oldest", () => {
    const rows = [
      row("small", 100),
      row("big", 90_000),
      row("expiring", 10, { expiresAt: h(3) }),
      row("sla", 500, { slaDueAt: h(-2) }),
      row("big-older", 90_000, { requestedAt: h(-5) }),
    ];
    assert.deepEqual(rankApprovals(rows, NOW).map((r) => r.id), ["sla", "expiring", "big-older", "big", "small"]);
    assert.equal(rows[0].id, "small", "the input is left as it was");
  });

  it("explains each row's place", () => {
    assert.deepEqual(rankReason(row("a", 1, { expiresAt: h(3.2) }), NOW), { dueSoon: true, why: "request expires in 3 h" });
    assert.deepEqual(rankReason(row("a", 1, { slaDueAt: h(-1) }), NOW), { dueSoon: true, why: "case SLA passed" });
    assert.deepEqual(rankReason(row("a", 1, { slaDueAt: h(10), expiresAt: h(20) }), NOW), { dueSoon: true, why: "case SLA ends in 10 h" });
    assert.deepEqual(rankReason(row("a", 1, { expiresAt: null, slaDueAt: h(25) }), NOW), { dueSoon: false, why: "ranked by value" });
  });
});
