/**
 * Deterministic demo data for the Exception Workbench: a 7-site industrial distributor.
 * Same seed + asOf ⇒ identical rows (all dates derive from asOf; randomness from lib/demo/random).
 *
 * PLANTED PATTERNS (same at both scales; sites in plant-exceptions.ts PLANT_SITES; t* = first shortage):
 * | type (expected detection)            | pattern                                                                              | n | sites |
 * | NEGATIVE_ON_HAND                     | onHand −3…−12, nothing allocated                                                      | 4 | ATL DAL CHI LAX |
 * | STOCKOUT_NOW                         | onHand = allocated (AV 0); unallocated strategic SO due ≤ 2 d + standard SO day 5; no supply | 6 | ATL×2 NJ DAL CHI SEA |
 * | PROJECTED_STOCKOUT_NO_SUPPLY         | AV = 4 d̄; SO 3 d̄ each on days 3, 6, 10; no PO/transfer                                 | 8 | ATL×2 NJ DAL CHI×2 LAX MEM |
 * | STOCKOUT_DESPITE_INBOUND             | AV = 1.5 d̄; SO 2 d̄ on days 2 and 4; acked PO with ASN in transit, ETA day 12            | 4 | NJ DAL LAX CHI |
 * | PO_NO_ASN → STOCKOUT_DESPITE_INBOUND | acked PO promised asOf+1 d (ship date asOf−2 d passed + 1 d grace), NO ASN; supplier   | 8 | ATL×3 NJ×2 LAX×2 DAL |
 * |   (+ CUSTOMER_ORDER_AT_RISK)         |   lateness ≥ 2 d; AV = 1 d̄; STRATEGIC SO 3 d̄ due asOf+0.4 d, strategic/key SO day 2   |   | |
 * | PO_NOT_ACKNOWLEDGED                  | PO sent 3–6 d ago, acknowledgedAt null, promise ≥ asOf+5 d; stock healthy              | 6 | ATL NJ CHI SEA DAL LAX |
 * | PO_PAST_DUE (+ PO_NO_ASN)            | acked PO promised 2–6 d ago, nothing received, no ASN; stock healthy                   | 6 | ATL NJ DAL CHI LAX MEM |
 * | ASN_OVERDUE (+ PO_PAST_DUE)          | ASN IN_TRANSIT with eta 2–4 d ago; PO promise = eta; stock healthy                      | 5 | ATL NJ CHI LAX SEA |
 * | CYCLE_COUNT_VARIANCE                 | count 1–6 d ago short by 2–4× the ABC tolerance (A 1%, B 3%, C 5%), ≥ 3 units; A/B/C mix | 8 | ATL×2 NJ DAL CHI LAX SEA MEM |
 * | TRANSFER_IN_TRANSIT_AGED             | OPEN transfer shipped 9 d ago, expected 5 d ago, not received (MEM→ATL/NJ/LAX, CHI→DAL) | 4 | ATL NJ LAX DAL |
 * | QUALITY_LOT_HOLD_BLOCKING            | 6-day-old QUALITY hold of 8 d̄; free stock 1.5 d̄ vs SO 2 d̄ on days 2 and 5              | 4 | ATL NJ CHI LAX |
 * | BELOW_SAFETY_STOCK                   | AV = 8 d̄, SS ≥ 10 d̄, acked PO of (horizon+5) d̄ promised day 4 (lateness ≤ 1); no SO | 6 | ATL NJ DAL CHI SEA MEM |
 * | CREDIT_HOLD_BLOCKING                 | credit-hold customer's SO fully allocated, ships tomorrow                              | 3 | ATL NJ DAL |
 * | SUPPLIER_PROMISE_SLIP                | acked PO: originalPromisedDate asOf+4 d, promisedDate asOf+14 d                        | 3 | NJ CHI LAX |
 * | DEMAND_SPIKE                         | one STANDARD SO line of 12 d̄ due day 6; stock covers it                                 | 3 | ATL DAL SEA |
 * | EXCESS_STOCK                         | onHand 300 d̄ vs maxStock 60 d̄ + SS, A/B item                                            | 3 | CHI MEM DAL |
 * | ALLOCATION_CONFLICT (+ STOCKOUT_NOW) | priority-5 SO due day 12 holds all stock; STRATEGIC priority-1 SO due tomorrow unallocated | 2 | ATL LAX |
 * | MASTER_DATA_INVALID                  | 1% of SKUs (idx ≡ 37 mod 100): no leadTimeDays (idx ≡ 37 mod 200) or no supplier; 2–3 sites each | 20 (demo) | spread |
 * | DATA_FEED_STALE                      | DataSource erpnext-west lastSuccessAt asOf−26 h (SLA 240 min); only DC-SEA reports via it | 1 | SEA |
 * d̄ = the item-location's avgDailyDemand (planted item-locations have d̄ ≥ 1, chain ones ≥ 2).
 *
 * BACKGROUND (everything else) is designed to be quiet: on hand ≥ allocated + holds + SS + all open
 * SO qty + d̄ × (max(LT, 28) + 7) (28 = detection's minimum projection horizon); maxStock ≥ on hand + open PO + 30 d̄; open POs are acknowledged after
 * 1.5 d, promised ≥ asOf + 0.5 d and have an in-transit ASN (eta = promise) once promise − 3 d has
 * passed; SO lines ≤ 2 d̄; counts within half the tolerance; active holds < 1 day old; transfers on time.
 * Background days of cover reach ~80 days for long-lead items, so keep any EXCESS days-of-cover threshold ≥ 90.
 */
import type { DemoBatch, DemoData, DemoOptions, DemoRows, DemoTable, PlantedPattern } from "./demo-types";
import { TABLE_ORDER, emptyTables } from "./demo-types";
import { SCALES, SITES, buildDataSources, buildMasterData } from "./generate-master-data";
import { backgroundBalance, backgroundOrderBatches, backgroundTransfers, newCounters, planItemLoc } from "./generate-orders";
import { plantExceptions } from "./plant-exceptions";

const BATCH = 5000;

export interface DemoStream {
  seed: number;
  asOf: Date;
  scale: "demo" | "bench";
  planted: PlantedPattern[];
  /** Single-use iterator of row batches (≤ 5,000 rows each) in FK-safe order. */
  batches: Generator<DemoBatch>;
}

/** Builds master data and plants eagerly, then streams balances and background orders lazily. */
export function createDemoStream(opts: DemoOptions): DemoStream {
  const seed = opts.seed ?? 42;
  const scale = opts.scale ?? "demo";
  const asOf = new Date(opts.asOf.getTime());
  const cfg = SCALES[scale];
  const master = buildMasterData(seed, cfg);
  const counters = newCounters();
  const plant = plantExceptions(seed, asOf, master, counters);
  const transfers = backgroundTransfers(seed, master, plant.reserved, asOf, cfg, counters);

  function* batches(): Generator<DemoBatch> {
    yield* chunked("locations", master.locationRows);
    yield* chunked("dataSources", buildDataSources(asOf));
    yield* chunked("suppliers", master.supplierRows);
    yield* chunked("customers", master.customerRows);
    yield* chunked("items", master.itemRows);
    const plantedBalances = new Map(plant.tables.balances.map((b) => [b.id!, b]));
    let buf: DemoRows["balances"][] = [];
    for (const il of master.itemLocs) {
      buf.push(plantedBalances.get(il.id) ?? backgroundBalance(il, planItemLoc(seed, il, cfg), asOf, transfers.inTransit.get(il.id) ?? 0));
      if (buf.length === BATCH) {
        yield { table: "balances", rows: buf };
        buf = [];
      }
    }
    if (buf.length) yield { table: "balances", rows: buf };
    for (const table of TABLE_ORDER) {
      if (table === "balances" || table === "locations" || table === "dataSources" || table === "suppliers" || table === "customers" || table === "items") continue;
      yield* chunked(table, plant.tables[table] as DemoRows[typeof table][]);
    }
    yield* chunked("transferOrders", transfers.tables.transferOrders);
    yield* chunked("transferOrderLines", transfers.tables.transferOrderLines);
    for (const b of backgroundOrderBatches({ seed, asOf, cfg, master, reserved: plant.reserved, counters })) {
      yield* chunked(b.table, b.rows as DemoRows[typeof b.table][]);
    }
  }
  return { seed, asOf, scale, planted: plant.planted, batches: batches() };
}

function* chunked<K extends DemoTable>(table: K, rows: DemoRows[K][]): Generator<DemoBatch> {
  for (let i = 0; i < rows.length; i += BATCH) {
    yield { table, rows: rows.slice(i, i + BATCH) } as DemoBatch;
  }
}

/** Generates the whole data set in memory (intended for scale "demo"; bench should stream). */
export function generateDemoData(opts: DemoOptions): DemoData {
  const stream = createDemoStream(opts);
  const tables = emptyTables();
  for (const b of stream.batches) {
    (tables[b.table] as unknown[]).push(...b.rows);
  }
  return { seed: stream.seed, asOf: stream.asOf, scale: stream.scale, planted: stream.planted, ...tables };
}

/** Site codes in the demo network (for UIs and tests). */
export const DEMO_SITE_CODES = SITES.map((s) => s.code);

export { DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
export type { DemoUser } from "./demo-users";
export type { DemoBatch, DemoData, DemoOptions, DemoScale, DemoTable, PlantedPattern } from "./demo-types";
export { TABLE_ORDER } from "./demo-types";
