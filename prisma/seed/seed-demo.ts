/**
 * Inserts the deterministic demo data set (lib/demo) into an empty database: users with bcrypt
 * hashes and their sites, data sources, master data, balances and documents, in FK-safe order via
 * PostgreSQL COPY (prisma/seed/copy-rows.ts). Streams batches, so bench scale (~1M order lines) stays memory-bounded.
 * Also inserts the default routing rules (lib/demo/demo-routing-rules.ts).
 * Does not insert ScoringConfig and does not run detection (the caller does both).
 */
import bcrypt from "bcryptjs";
import pg from "pg";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { DemoBatch, DemoScale } from "@/lib/demo/demo-types";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/demo-users";
import { DEMO_ROUTING_RULES } from "@/lib/demo/demo-routing-rules";
import { createDemoStream } from "@/lib/demo/generate-demo";
import { SITES } from "@/lib/demo/generate-master-data";
import { copyRows } from "./copy-rows";

export interface SeedDemoOptions {
  /** The same database as `prisma`; bulk rows go through COPY on a plain pg connection. */
  databaseUrl: string;
  seed?: number;
  asOf?: Date;
  scale?: DemoScale;
  log?: (msg: string) => void;
}

/** Seeds demo data into an empty database; throws if any item already exists. */
export async function seedDemo(prisma: PrismaClient, opts: SeedDemoOptions): Promise<{ counts: Record<string, number>; ms: number }> {
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
  const copyClient = new pg.Client({ connectionString: opts.databaseUrl });
  await copyClient.connect();
  try {
    for (const batch of stream.batches) {
      await copyRows(copyClient, TABLE_NAMES[batch.table], batch.rows as unknown as Record<string, unknown>[]);
      counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
      total += batch.rows.length;
      if (total >= nextReport) {
        const s = (Date.now() - t0) / 1000;
        log(`  ${total.toLocaleString("en-US")} rows in ${s.toFixed(1)} s (${Math.round(total / s).toLocaleString("en-US")} rows/s), now at ${batch.table}`);
        nextReport += 100_000;
      }
    }
  } finally {
    await copyClient.end();
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
  // Routing rules name users (assignees), so they come after them.
  await prisma.routingRule.createMany({ data: DEMO_ROUTING_RULES.map((r) => ({ ...r, conditions: { ...r.conditions }, enabled: true })) });
  counts.routingRules = DEMO_ROUTING_RULES.length;

  const ms = Date.now() - t0;
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  log(`seed-demo: ${rows.toLocaleString("en-US")} rows in ${(ms / 1000).toFixed(1)} s (${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s)`);
  return { counts, ms };
}

/** SQL table of each demo table (Prisma model names). */
const TABLE_NAMES: Record<DemoBatch["table"], string> = {
  locations: "Location",
  dataSources: "DataSource",
  suppliers: "Supplier",
  customers: "Customer",
  items: "Item",
  balances: "InventoryBalance",
  lotBalances: "LotBalance",
  purchaseOrders: "PurchaseOrder",
  purchaseOrderLines: "PurchaseOrderLine",
  asns: "Asn",
  asnLines: "AsnLine",
  receipts: "Receipt",
  receiptLines: "ReceiptLine",
  salesOrders: "SalesOrder",
  salesOrderLines: "SalesOrderLine",
  transferOrders: "TransferOrder",
  transferOrderLines: "TransferOrderLine",
  cycleCounts: "CycleCount",
  holds: "Hold",
};
