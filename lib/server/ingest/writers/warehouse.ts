/** Warehouse events keyed by the source's document id: cycle counts and holds. */
import type { RecordIssue } from "@/lib/domain/canonical/records";
import { latestByKey, lookupIds, upsertRows } from "@/lib/server/ingest/sql-upsert";
import { newId, unresolved, type EntityWriter, type WriteInput } from "./types";

async function resolveItemLocations<E extends "cycleCount" | "hold">(db: Parameters<typeof lookupIds>[0], entity: E, inputs: WriteInput<E>[]) {
  const items = await lookupIds(db, "Item", "sku", inputs.map((i) => i.data.sku));
  const locations = await lookupIds(db, "Location", "code", inputs.map((i) => i.data.locationCode));
  const issues: RecordIssue[] = [];
  const ok: (WriteInput<E> & { itemId: string; locationId: string })[] = [];
  for (const input of inputs) {
    const itemId = items.get(input.data.sku);
    const locationId = locations.get(input.data.locationCode);
    if (!itemId) issues.push(unresolved(entity, input, "sku", `unknown SKU '${input.data.sku}'`));
    else if (!locationId) issues.push(unresolved(entity, input, "locationCode", `unknown location '${input.data.locationCode}'`));
    else ok.push({ ...input, itemId, locationId });
  }
  return { ok, issues };
}

export const writeCycleCounts: EntityWriter<"cycleCount"> = async ({ db, sourceSystem }, inputs) => {
  const { ok, issues } = await resolveItemLocations(db, "cycleCount", latestByKey(inputs, (i) => i.data.externalKey, (i) => i.version));
  const written = await upsertRows(
    db,
    {
      table: "CycleCount",
      columns: [
        { name: "id", type: "text" }, { name: "externalKey", type: "text" }, { name: "itemId", type: "text" }, { name: "locationId", type: "text" },
        { name: "countedAt", type: "timestamp" }, { name: "systemQty", type: "int" }, { name: "countedQty", type: "int" },
        { name: "sourceSystem", type: "text" }, { name: "sourceVersion", type: "bigint" },
      ],
      conflict: ["externalKey"],
      versioned: true,
      returning: ["id"],
    },
    ok.map((r) => [newId(), r.data.externalKey, r.itemId, r.locationId, r.data.countedAt, r.data.systemQty, r.data.countedQty, sourceSystem, r.version]),
  );
  return { written: written.length, stale: ok.length - written.length, issues };
};

export const writeHolds: EntityWriter<"hold"> = async ({ db, sourceSystem }, inputs) => {
  const { ok, issues } = await resolveItemLocations(db, "hold", latestByKey(inputs, (i) => i.data.externalKey, (i) => i.version));
  const written = await upsertRows(
    db,
    {
      table: "Hold",
      columns: [
        { name: "id", type: "text" }, { name: "externalKey", type: "text" }, { name: "kind", type: { enum: "HoldKind" } }, { name: "itemId", type: "text" },
        { name: "locationId", type: "text" }, { name: "qty", type: "int" }, { name: "lot", type: "text" }, { name: "reason", type: "text" },
        { name: "placedAt", type: "timestamp" }, { name: "releasedAt", type: "timestamp" }, { name: "sourceSystem", type: "text" }, { name: "sourceVersion", type: "bigint" },
      ],
      conflict: ["externalKey"],
      versioned: true,
      returning: ["id"],
    },
    ok.map((r) => [newId(), r.data.externalKey, r.data.kind, r.itemId, r.locationId, r.data.qty, r.data.lot, r.data.reason, r.data.placedAt, r.data.releasedAt, sourceSystem, r.version]),
  );
  return { written: written.length, stale: ok.length - written.length, issues };
};
