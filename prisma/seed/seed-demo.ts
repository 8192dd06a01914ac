/**
 * Inserts the deterministic demo data set (lib/demo) into an empty database: users with bcrypt
 * hashes and their sites, data sources, master data, balances and documents, in FK-safe order via
 * createMany batches. Streams batches, so bench scale (~1M order lines) stays memory-bounded.
 * Does not insert ScoringConfig and does not run detection (the caller does both).
 */
import bcrypt from "bcryptjs";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { DemoBatch, DemoScale } from "@/lib/demo/demo-types";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/demo-users";
import { createDemoStream } from "@/lib/demo/generate-demo";
import { SITES } from "@/lib/demo/generate-master-data";

export interface SeedDemoOptions {
  seed?: number;
  asOf?: Date;
  scale?: DemoScale;
  log?: (msg: string) => void;
}

/** PostgreSQL allows 65,535 bind parameters per statement; stay below with a margin. */
const MAX_PARAMS = 60_000;
const MAX_ROWS = 5_000;

/** Seeds demo data into an empty database; throws if any item already exists. */
export async function seedDemo(prisma: PrismaClient, opts: SeedDemoOptions = {}): Promise<{ counts: Record<string, number>; ms: number }> {
  const log = opts.log ?? (() => {});
  const scale = opts.scale ?? "demo";
  const t0 = Date.now();
  const existing = await prisma.item.count();
  if (existing > 0) {
    throw new Error(`seedDemo refuses to seed: the database already has ${existing} items. Reset it first (npm run db:reset).`);
  }
  const stream = createDemoStream({ seed: opts.seed ?? 42, asOf: opts.asOf ?? new Date(), scale });
  log(`seed-demo: scale=${scale} seed=${stream.seed} asOf=${stream.asOf.toISOString()}`);

  const counts: Record<string, number> = {};
  let total = 0;
  let nextReport = scale === "bench" ? 100_000 : Number.POSITIVE_INFINITY;
  for (const batch of stream.batches) {
    await insertBatch(prisma, batch);
    counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
    total += batch.rows.length;
    if (total >= nextReport) {
      const s = (Date.now() - t0) / 1000;
      log(`  ${total.toLocaleString("en-US")} rows in ${s.toFixed(1)} s (${Math.round(total / s).toLocaleString("en-US")} rows/s), now at ${batch.table}`);
      nextReport += 100_000;
    }
  }
  log(`  ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  // Users last: bcrypt (cost 12) is deliberately slow, one hash per account.
  const siteIds = new Map(SITES.map((s) => [s.code, s.id]));
  for (const u of DEMO_USERS) {
    const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 12);
    await prisma.user.create({ data: { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash } });
  }
  const userSites = DEMO_USERS.flatMap((u) => u.siteCodes.map((c) => ({ userId: u.id, locationId: siteIds.get(c)! })));
  await prisma.userSite.createMany({ data: userSites });
  counts.users = DEMO_USERS.length;
  counts.userSites = userSites.length;

  const ms = Date.now() - t0;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  log(`seed-demo: ${rows.toLocaleString("en-US")} rows in ${(ms / 1000).toFixed(1)} s (${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s)`);
  return { counts, ms };
}

/** createMany in slices that respect the bind-parameter limit. */
async function insertBatch(prisma: PrismaClient, batch: DemoBatch): Promise<void> {
  if (!batch.rows.length) return;
  const cols = Object.keys(batch.rows[0]).length;
  const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / cols)));
  for (let i = 0; i < batch.rows.length; i += per) {
    await createMany(prisma, { ...batch, rows: batch.rows.slice(i, i + per) } as DemoBatch);
  }
}

function createMany(prisma: PrismaClient, b: DemoBatch): Promise<unknown> {
  switch (b.table) {
    case "locations": return prisma.location.createMany({ data: b.rows });
    case "dataSources": return prisma.dataSource.createMany({ data: b.rows });
    case "suppliers": return prisma.supplier.createMany({ data: b.rows });
    case "customers": return prisma.customer.createMany({ data: b.rows });
    case "items": return prisma.item.createMany({ data: b.rows });
    case "balances": return prisma.inventoryBalance.createMany({ data: b.rows });
    case "purchaseOrders": return prisma.purchaseOrder.createMany({ data: b.rows });
    case "purchaseOrderLines": return prisma.purchaseOrderLine.createMany({ data: b.rows });
    case "asns": return prisma.asn.createMany({ data: b.rows });
    case "asnLines": return prisma.asnLine.createMany({ data: b.rows });
    case "receipts": return prisma.receipt.createMany({ data: b.rows });
    case "receiptLines": return prisma.receiptLine.createMany({ data: b.rows });
    case "salesOrders": return prisma.salesOrder.createMany({ data: b.rows });
    case "salesOrderLines": return prisma.salesOrderLine.createMany({ data: b.rows });
    case "transferOrders": return prisma.transferOrder.createMany({ data: b.rows });
    case "transferOrderLines": return prisma.transferOrderLine.createMany({ data: b.rows });
    case "cycleCounts": return prisma.cycleCount.createMany({ data: b.rows });
    case "holds": return prisma.hold.createMany({ data: b.rows });
  }
}
