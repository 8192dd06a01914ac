/**
 * The demo ERP as a proper adapter: each pull re-reports the generator's inventory positions "as of now", the way a
 * live ERP feed would, so the demo's data stays fresh (no stale-feed cases after a few hours) and the whole ingestion
 * path — raw payload, transform, idempotent upsert, run log, freshness — is exercised by the demo itself.
 * The generator is deterministic (seeded), so the positions match what the seed wrote.
 */
import { z } from "zod";
import { generateDemoData } from "@/lib/demo/generate-demo";
import type { CanonicalRecord, TransformResult } from "@/lib/domain/canonical/records";
import type { AdapterContext, PulledPage, RawPayloadInput, SourceAdapter, WriteBackAction, WriteBackResult } from "@/lib/adapters/types";

export const demoConfigSchema = z.object({
  seed: z.number().int().default(42),
  /** Which DataSource code the generator assigned to the balances this source reports. */
  reportsFor: z.string().min(1),
  pageSize: z.number().int().min(100).max(50_000).default(5_000),
});
export type DemoConfig = z.infer<typeof demoConfigSchema>;

async function* pullDemo(ctx: AdapterContext<DemoConfig>): AsyncGenerator<PulledPage> {
  const now = new Date();
  const data = generateDemoData({ seed: ctx.config.seed, asOf: now });
  const sku = new Map(data.items.map((i) => [i.id!, i.sku]));
  const code = new Map(data.locations.map((l) => [l.id!, l.code]));
  const records: CanonicalRecord[] = data.balances
    .filter((b) => (b.sourceSystem ?? "demo") === ctx.config.reportsFor)
    .map((b, index) => ({
      entity: "inventoryBalance" as const,
      version: now.getTime(),
      externalId: `${sku.get(b.itemId)}@${code.get(b.locationId)}`,
      origin: { position: `balance ${index + 1}` },
      data: {
        sku: sku.get(b.itemId),
        locationCode: code.get(b.locationId),
        onHand: b.onHand,
        allocated: b.allocated ?? 0,
        qualityHold: b.qualityHold ?? 0,
        inTransit: b.inTransit ?? 0,
        asOf: now.toISOString(),
      },
    }));
  for (let start = 0; start < records.length; start += ctx.config.pageSize) {
    const page = records.slice(start, start + ctx.config.pageSize);
    yield {
      kind: "api-page",
      contentType: "application/json",
      label: `demo balances ${start + 1}–${start + page.length}`,
      body: JSON.stringify({ records: page }),
      cursor: { reportedAt: now.toISOString() },
    };
  }
}

function transformDemoPage(payload: RawPayloadInput): TransformResult {
  const parsed = JSON.parse(payload.body) as { records: CanonicalRecord[] };
  return { records: parsed.records, issues: [] };
}

const keysByType: Record<WriteBackAction["type"], z.ZodType> = {
  EXPEDITE: z.object({ poNumber: z.string().min(1), lineNo: z.number().int().positive(), newPromisedDate: z.string().min(1) }),
  TRANSFER: z.object({ sku: z.string().min(1), fromLocationCode: z.string().min(1), toLocationCode: z.string().min(1), quantity: z.number().positive() }),
  REALLOCATE: z.object({ sku: z.string().min(1), locationCode: z.string().min(1), quantity: z.number().positive() }),
  RECOUNT: z.object({ sku: z.string().min(1), locationCode: z.string().min(1) }),
  HOLD: z.object({ sku: z.string().min(1), locationCode: z.string().min(1) }),
  ADJUST: z.object({ sku: z.string().min(1), locationCode: z.string().min(1), qtyDelta: z.number().finite() }),
};

/**
 * The demo ERP "posts" an approved action as a document it keeps in the injected document store (the write-back
 * job stores them as outbound raw payloads of the source). Idempotent by key: a second call with the same key
 * returns the first document instead of posting again.
 */
async function writeBackDemo(ctx: AdapterContext<DemoConfig>, action: WriteBackAction): Promise<WriteBackResult> {
  if (!ctx.documents) throw new Error("The demo ERP needs a document store to post write-backs");
  const previous = await ctx.documents.find(action.idempotencyKey);
  if (previous) return { externalRef: String(previous.documentNo), response: { alreadyApplied: true, document: previous } };
  const checked = keysByType[action.type]?.safeParse(action.payload);
  if (!checked?.success) throw new Error(`The demo ERP refuses ${action.type}: ${checked?.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") ?? "unknown type"}`);
  const document = {
    documentNo: `${ctx.config.reportsFor.toUpperCase()}-${action.type}-${action.idempotencyKey.slice(-8).toUpperCase()}`,
    type: action.type,
    idempotencyKey: action.idempotencyKey,
    source: ctx.config.reportsFor,
    postedAt: new Date().toISOString(),
    lines: action.payload,
  };
  const stored = await ctx.documents.save(action.idempotencyKey, document);
  return { externalRef: String(stored.documentNo), response: { alreadyApplied: stored.postedAt !== document.postedAt, document: stored } };
}

export const demoAdapter: SourceAdapter<DemoConfig> = {
  kind: "demo",
  configSchema: demoConfigSchema,
  secretNames: [],
  pull: (ctx) => pullDemo(ctx),
  transform: (payload) => transformDemoPage(payload),
  writeBack: writeBackDemo,
};
