/**
 * Master data of the demo distributor: sites, source systems, suppliers, customers, SKUs and
 * the item-location profiles (demand, safety stock) that balances and orders are built from.
 */
import type { DemoRows, DemoScale } from "./demo-types";
import { addDays, addMinutes, pad, round2 } from "./demo-types";
import { Rng, deriveSeed } from "./random";

/** Volume knobs per scale. "bench" targets 100k item-locations, ~1M open SO lines and ~200k open PO lines. */
export interface ScaleConfig {
  items: number;
  suppliers: number;
  customers: number;
  /** Per background item-location: chance of having open SO lines, and how many when it does. */
  soChance: number;
  soMin: number;
  soMax: number;
  poChance: number;
  poMin: number;
  poMax: number;
  closedPoChance: number;
  transfers: number;
  cycleCountChance: number;
  /** Item-locations per streamed chunk of background orders. */
  chunkSize: number;
}

export const SCALES: Record<DemoScale, ScaleConfig> = {
  demo: {
    items: 2000, suppliers: 60, customers: 300,
    soChance: 0.22, soMin: 1, soMax: 3,
    poChance: 0.15, poMin: 1, poMax: 2,
    closedPoChance: 0.05, transfers: 120, cycleCountChance: 0.15, chunkSize: 2000,
  },
  bench: {
    items: 20000, suppliers: 200, customers: 3000,
    soChance: 1, soMin: 5, soMax: 17,
    poChance: 1, poMin: 1, poMax: 3,
    closedPoChance: 0.5, transfers: 1500, cycleCountChance: 0.1, chunkSize: 2500,
  },
};

export interface SiteDef {
  id: string;
  code: string;
  name: string;
  kind: "DC" | "HUB";
  region: string;
  /** Which source system reports this site's balances and POs. */
  source: string;
  /** Relative size: scales demand and how often SKUs are stocked here. */
  weight: number;
}

/** Only erpnext-west is stale, and only DC-SEA reports through it, so most cases keep full confidence. */
export const SITES: readonly SiteDef[] = [
  { id: "loc_dc_atl", code: "DC-ATL", name: "Atlanta DC", kind: "DC", region: "Southeast", source: "odoo-east", weight: 1.3 },
  { id: "loc_dc_dal", code: "DC-DAL", name: "Dallas DC", kind: "DC", region: "South Central", source: "wms-hub", weight: 1.1 },
  { id: "loc_dc_chi", code: "DC-CHI", name: "Chicago DC", kind: "DC", region: "Midwest", source: "odoo-east", weight: 1.2 },
  { id: "loc_dc_lax", code: "DC-LAX", name: "Los Angeles DC", kind: "DC", region: "West", source: "wms-hub", weight: 1.2 },
  { id: "loc_dc_sea", code: "DC-SEA", name: "Seattle DC", kind: "DC", region: "Northwest", source: "erpnext-west", weight: 0.8 },
  { id: "loc_dc_nj", code: "DC-NJ", name: "Newark NJ DC", kind: "DC", region: "Northeast", source: "odoo-east", weight: 1.3 },
  { id: "loc_hub_mem", code: "HUB-MEM", name: "Memphis National Hub", kind: "HUB", region: "Central", source: "wms-hub", weight: 1.5 },
];

export const HUB_INDEX = SITES.findIndex((s) => s.kind === "HUB");

/** Source systems; erpnext-west last succeeded 26 h ago against a 240 min SLA (the one stale feed). */
export function buildDataSources(asOf: Date): DemoRows["dataSources"][] {
  return [
    // The demo feeds are "demo" adapters: the worker re-pulls their positions on a schedule, keeping them fresh.
    { id: "ds_odoo_east", code: "odoo-east", name: "Odoo 17 (East region ERP)", kind: "demo", config: { reportsFor: "odoo-east" }, slaMinutes: 120, lastSuccessAt: addMinutes(asOf, -12), lastAttemptAt: addMinutes(asOf, -12) },
    // The stale feed is down (disabled with its last error), so it stays stale and DATA_FEED_STALE stays planted.
    {
      id: "ds_erpnext_west", code: "erpnext-west", name: "ERPNext (West region ERP)", kind: "demo", config: { reportsFor: "erpnext-west" }, enabled: false,
      lastError: "connect ECONNREFUSED erpnext-west.internal:443", slaMinutes: 240, lastSuccessAt: addMinutes(asOf, -26 * 60),
    },
    { id: "ds_wms_hub", code: "wms-hub", name: "Hub WMS (Memphis, Dallas, LA)", kind: "demo", config: { reportsFor: "wms-hub" }, slaMinutes: 60, lastSuccessAt: addMinutes(asOf, -4), lastAttemptAt: addMinutes(asOf, -4) },
  ];
}

/** Minutes since the site's source last reported; the stale feed's rows are ~26 h old. */
export function sourceAgeMinutes(rng: Rng, source: string): number {
  if (source === "erpnext-west") return 26 * 60 + rng.int(1, 50);
  if (source === "wms-hub") return rng.int(1, 40);
  return rng.int(2, 55);
}

interface Category {
  prefix: string;
  label: string;
  medianCost: number;
  nouns: string[];
  specs: string[];
}

const CATEGORIES: Category[] = [
  { prefix: "FAS", label: "Fasteners", medianCost: 6, nouns: ["Hex Bolt", "Lag Screw", "Machine Screw", "Wood Screw", "Flat Washer", "Lock Washer", "Hex Nut", "Wedge Anchor", "Carriage Bolt", "Blind Rivet"], specs: ["1/4-20 x 1in Zinc", "5/16 x 2in Grade 8", "3/8-16 x 3in SS304", "#10 x 1-1/2in", "M8 x 30 A2", "1/2-13 x 4in HDG", "#8 x 3/4in Black Oxide", "M6 x 20 Zinc"] },
  { prefix: "ELE", label: "Electrical", medianCost: 18, nouns: ["THHN Wire", "Duplex Receptacle", "Toggle Switch", "GFCI Outlet", "Wire Connector", "EMT Conduit", "Junction Box", "Circuit Breaker", "LED Troffer", "Cable Tie"], specs: ["12 AWG 500ft", "15A White", "20A Commercial", "3/4in 10ft", "4in Square", "2x4 40W", "8in UV Black", "1-Pole 20A"] },
  { prefix: "PLB", label: "Plumbing", medianCost: 12, nouns: ["PVC Elbow", "Copper Tee", "Ball Valve", "PEX Tubing", "Gate Valve", "Pipe Coupling", "P-Trap", "Supply Line", "Check Valve", "Thread Seal Tape"], specs: ["1/2in", "3/4in", "1in Sch 40", "1-1/2in", "2in DWV", "3/8 x 12in", "100ft Coil", "Lead-Free Brass"] },
  { prefix: "SAF", label: "Safety", medianCost: 9, nouns: ["Nitrile Gloves", "Safety Glasses", "Hard Hat", "Hi-Vis Vest", "Ear Plugs", "N95 Respirator", "Cut-Resistant Gloves", "Face Shield", "First Aid Kit", "Fall Harness"], specs: ["Size L", "Size XL", "Clear Anti-Fog", "Class 2", "Box of 200", "ANSI A4", "Type I", "25-Person"] },
  { prefix: "PKG", label: "Packaging", medianCost: 14, nouns: ["Corrugated Box", "Stretch Film", "Packing Tape", "Bubble Wrap", "Poly Mailer", "Void Fill", "Poly Strapping", "Shipping Label", "Kraft Paper", "Edge Protector"], specs: ["12x12x12 (25pk)", "18in x 1500ft", "2in x 110yd", "12in x 175ft", "10x13 (100pk)", "4x6 Roll of 500", "1/2in x 7200ft", "30in x 720ft"] },
  { prefix: "JAN", label: "Janitorial", medianCost: 8, nouns: ["Trash Liner", "Paper Towel", "Floor Cleaner", "Hand Soap", "Mop Head", "Disinfectant Wipes", "Toilet Tissue", "Degreaser", "Microfiber Cloth", "Dust Mop"], specs: ["33 gal (250ct)", "Case of 12", "1 Gal", "Cartridge 1000ml", "Large Blue", "Canister 80ct", "2-Ply 96 Rolls", "24in"] },
  { prefix: "TLS", label: "Tools", medianCost: 35, nouns: ["Drill Bit Set", "Utility Knife", "Tape Measure", "Socket Set", "Level", "Hacksaw", "Pliers", "Screwdriver Set", "Hammer", "Wrench Set"], specs: ["29pc Cobalt", "25ft", "48in Aluminum", "3/8in Drive 40pc", "16oz Fiberglass", "8in Lineman", "Metric 12pc", "10pc Insulated"] },
];

const SUPPLIER_WORDS = ["Apex", "Allied", "Continental", "Summit", "Pioneer", "Great Lakes", "Pacific", "Atlantic", "Keystone", "Liberty", "Frontier", "Heartland", "Eagle", "Granite", "Harbor", "Midwest", "Coastal", "Sterling", "Prime", "Titan"];
const CUSTOMER_WORDS = ["Redwood", "Bluewater", "Ironside", "Cedar Point", "Northgate", "Riverbend", "Oakmont", "Stonebridge", "Silverline", "Westfield", "Brightpath", "Crestview", "Maplewood", "Lakeshore", "Highland", "Copperfield", "Fairview", "Pinecrest", "Sunbelt", "Tri-County"];
const CUSTOMER_KINDS = ["Construction", "Facilities", "Mechanical", "Electric", "Builders", "Property Services", "Contractors", "Maintenance", "Industrial", "Hospital Group", "School District", "Logistics"];

export interface SupplierDef {
  id: string;
  categoryIdx: number;
  leadTimeDays: number;
  onTimeRate: number;
  medianLatenessDays: number;
}

export interface ItemDef {
  idx: number;
  id: string;
  categoryIdx: number;
  unitCost: number;
  unitPrice: number;
  abcClass: "A" | "B" | "C";
  leadTimeDays: number | null;
  supplierIdx: number | null;
  /** Daily demand of a typical site before the site's weight. */
  baseDemand: number;
  /** Lot-controlled, perishable items (janitorial chemicals, safety consumables): shelf life in days. */
  shelfLifeDays: number | null;
}

/** Janitorial and safety SKUs with idx ≡ 0 mod 3 carry lots with expiry (≈ 9% of SKUs); no rng draw, so other data is unchanged. */
function shelfLifeOf(idx: number, categoryIdx: number): number | null {
  const prefix = CATEGORIES[categoryIdx].prefix;
  if ((prefix !== "JAN" && prefix !== "SAF") || idx % 3 !== 0) return null;
  return [365, 540, 730][idx % 9 === 0 ? 2 : idx % 2];
}

/** One item stocked at one site; the unit that balances, orders and plants are built around. */
export interface ItemLoc {
  idx: number;
  id: string;
  item: ItemDef;
  siteIdx: number;
  avgDailyDemand: number;
  demandStdDev: number;
  safetyStock: number;
  /** Days the projection looks ahead: max(item/supplier lead time, 28), as the detection horizon does. */
  coverDays: number;
}

export interface MasterData {
  suppliers: SupplierDef[];
  supplierRows: DemoRows["suppliers"][];
  customerRows: DemoRows["customers"][];
  items: ItemDef[];
  itemRows: DemoRows["items"][];
  itemLocs: ItemLoc[];
  locationRows: DemoRows["locations"][];
}

/** Builds sites, suppliers, customers, items and item-location profiles from a dedicated stream. */
export function buildMasterData(seed: number, cfg: ScaleConfig): MasterData {
  const rng = new Rng(deriveSeed(seed, "master"));
  const locationRows = SITES.map((s) => ({ id: s.id, code: s.code, name: s.name, kind: s.kind, region: s.region }));

  const suppliers: SupplierDef[] = [];
  const supplierRows: DemoRows["suppliers"][] = [];
  for (let i = 1; i <= cfg.suppliers; i++) {
    const categoryIdx = (i - 1) % CATEGORIES.length;
    const onTimeRate = round2(rng.float(0.6, 0.99));
    // Worse on-time suppliers are later when late: lateness grows as the rate falls.
    const medianLatenessDays = Math.min(6, Math.max(0, Math.round((0.99 - onTimeRate) * 15 + rng.normal(0, 0.6))));
    const leadTimeDays = rng.int(5, 45);
    const def: SupplierDef = { id: `sup_${pad(i, 3)}`, categoryIdx, leadTimeDays, onTimeRate, medianLatenessDays };
    suppliers.push(def);
    const word = SUPPLIER_WORDS[(i * 7) % SUPPLIER_WORDS.length];
    supplierRows.push({
      id: def.id, code: `S-${pad(i, 4)}`, name: `${word} ${CATEGORIES[categoryIdx].label} Supply ${i > 20 ? `#${Math.ceil(i / 20)}` : ""}`.trim(),
      leadTimeDays, onTimeRate, medianLatenessDays,
    });
  }

  const customerRows: DemoRows["customers"][] = [];
  for (let i = 1; i <= cfg.customers; i++) {
    const tier = rng.weighted([["STRATEGIC", 10], ["KEY", 25], ["STANDARD", 65]] as const);
    customerRows.push({
      id: `cus_${pad(i, 4)}`, code: `C-${pad(i, 5)}`,
      name: `${rng.pick(CUSTOMER_WORDS)} ${rng.pick(CUSTOMER_KINDS)} ${rng.pick(["Inc.", "LLC", "Co.", "Group"])}`,
      tier, creditHold: rng.chance(0.02),
    });
  }
  // Plants need credit-hold and strategic customers to exist at every scale.
  customerRows[customerRows.length - 1].creditHold = true;
  customerRows[customerRows.length - 2].creditHold = true;
  customerRows[0].tier = "STRATEGIC";
  customerRows[0].creditHold = false;

  const items: ItemDef[] = [];
  const invalidEvery = 100; // ~1% of SKUs miss lead time or supplier (MASTER_DATA_INVALID)
  for (let i = 1; i <= cfg.items; i++) {
    const categoryIdx = rng.int(0, CATEGORIES.length - 1);
    const cat = CATEGORIES[categoryIdx];
    const unitCost = round2(Math.max(0.4, rng.logNormal(cat.medianCost, 0.8)));
    const margin = rng.float(0.15, 0.45);
    const catSuppliers = suppliers.filter((s) => s.categoryIdx === categoryIdx);
    const sup = rng.pick(catSuppliers.length ? catSuppliers : suppliers);
    const supIdx = suppliers.indexOf(sup);
    const invalid = i % invalidEvery === 37;
    items.push({
      idx: i, id: `item_${pad(i, 5)}`, categoryIdx, unitCost, unitPrice: round2(unitCost / (1 - margin)), abcClass: "C",
      leadTimeDays: invalid && i % 200 === 37 ? null : Math.min(45, Math.max(5, sup.leadTimeDays + rng.int(-2, 3))),
      supplierIdx: invalid && i % 200 !== 37 ? null : supIdx,
      baseDemand: Math.max(0.3, rng.logNormal(3, 0.9)),
      shelfLifeDays: shelfLifeOf(i, categoryIdx),
    });
  }
  // ABC by annual usage value: top 20% of SKUs are A, next 30% B, rest C.
  const byValue = items.slice().sort((a, b) => b.baseDemand * b.unitCost - a.baseDemand * a.unitCost || a.idx - b.idx);
  byValue.forEach((it, rank) => {
    it.abcClass = rank < items.length * 0.2 ? "A" : rank < items.length * 0.5 ? "B" : "C";
  });
  const itemRows: DemoRows["items"][] = items.map((it) => {
    const cat = CATEGORIES[it.categoryIdx];
    return {
      id: it.id, sku: `${cat.prefix}-${pad(it.idx, 5)}`, name: itemName(it.idx, cat), uom: "EA",
      unitCost: it.unitCost, unitPrice: it.unitPrice, abcClass: it.abcClass, leadTimeDays: it.leadTimeDays,
      primarySupplierId: it.supplierIdx === null ? null : suppliers[it.supplierIdx].id, shelfLifeDays: it.shelfLifeDays,
    };
  });

  const itemLocs: ItemLoc[] = [];
  const siteWeights = SITES.map((s, i) => [i, s.weight] as const);
  for (const it of items) {
    const n = it.supplierIdx === null || it.leadTimeDays === null ? rng.int(2, 3) : rng.int(3, 7);
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(rng.weighted(siteWeights));
    for (const siteIdx of [...chosen].sort((a, b) => a - b)) {
      const d = round2(Math.max(0.2, it.baseDemand * SITES[siteIdx].weight * rng.float(0.6, 1.4)));
      const sd = round2(d * rng.float(0.3, 0.6));
      const lt = it.leadTimeDays ?? (it.supplierIdx === null ? 14 : suppliers[it.supplierIdx].leadTimeDays);
      const coverDays = Math.max(lt, 28);
      itemLocs.push({
        idx: itemLocs.length, id: `bal_${pad(it.idx, 5)}_${SITES[siteIdx].code.split("-")[1].toLowerCase()}`, item: it, siteIdx,
        avgDailyDemand: d, demandStdDev: sd, safetyStock: Math.ceil(1.65 * sd * Math.sqrt(lt)), coverDays,
      });
    }
  }
  return { suppliers, supplierRows, customerRows, items, itemRows, itemLocs, locationRows };
}

function itemName(idx: number, cat: Category): string {
  const noun = cat.nouns[(idx * 13) % cat.nouns.length];
  const spec = cat.specs[(idx * 7 + Math.floor(idx / 10)) % cat.specs.length];
  return `${noun}, ${spec}`;
}

/** Carriers named on ASNs and transfers (picked by document number: no rng draw). */
export const CARRIERS = ["UPS Freight", "XPO Logistics", "Old Dominion", "FedEx Freight", "Estes Express", "Saia LTL"] as const;

export function carrierFor(documentNumber: number): string {
  return CARRIERS[documentNumber % CARRIERS.length];
}

/** Days relative to asOf as a Date (re-exported for sibling modules). */
export const at = addDays;
