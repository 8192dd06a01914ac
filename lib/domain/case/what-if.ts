/**
 * What-if on a projected balance: how many units short (Q_short) and how many short days remain
 * if extra stock arrives on a day (a transfer, a released hold) or a receipt lands earlier (an
 * expedite). Used to value recommended actions by the shortage they actually remove.
 */
import type { Projection } from "@/lib/domain/projection/projected-balance";

export interface StockChange {
  /** Day (from the asOf day) the extra quantity becomes available. */
  fromDay: number;
  /** Exclusive end day (an expedited receipt stops counting extra on its original day); omitted = to the horizon. */
  untilDay?: number;
  qty: number;
}

export interface WhatIf {
  shortageQty: number;
  shortDays: number;
}

/** Q_short and number of negative days after applying the changes to the projection. */
export function whatIf(p: Projection, changes: readonly StockChange[]): WhatIf {
  let min = Number.POSITIVE_INFINITY;
  let shortDays = 0;
  for (const pt of p.points) {
    let pab = pt.projected;
    for (const c of changes) if (pt.day >= c.fromDay && (c.untilDay === undefined || pt.day < c.untilDay)) pab += c.qty;
    if (pab < 0) shortDays += 1;
    min = Math.min(min, pab);
  }
  return { shortageQty: Math.max(0, -min), shortDays };
}

/** Units and short days an action removes from the projection's shortage. */
export function recovery(p: Projection, changes: readonly StockChange[]): { units: number; days: number } {
  const before = whatIf(p, []);
  const after = whatIf(p, changes);
  return { units: Math.max(0, before.shortageQty - after.shortageQty), days: Math.max(0, before.shortDays - after.shortDays) };
}
