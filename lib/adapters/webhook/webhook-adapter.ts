/**
 * Webhook / event push: sources POST canonical events to /api/events. Body: one event or `{ "events": [...] }`, each
 * `{ "entity": "inventoryBalance", "id": "<source id>", "version": 1732521600000, "data": { …canonical fields } }`.
 * `version` orders events from the same object: a late, older event changes nothing.
 */
import { z } from "zod";
import { CANONICAL_ENTITIES, type CanonicalRecord, type RecordIssue, type TransformResult } from "@/lib/domain/canonical/records";
import type { RawPayloadInput, SourceAdapter } from "@/lib/adapters/types";

export const webhookEventSchema = z.object({
  entity: z.enum(CANONICAL_ENTITIES as [string, ...string[]]),
  id: z.string().min(1).max(200).optional(),
  version: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});

export const webhookBodySchema = z.union([z.object({ events: z.array(z.unknown()).min(1).max(5000) }), z.object({ entity: z.unknown() }).loose()]);

export const webhookConfigSchema = z.object({}).loose();

/** Parses a body into its events, or explains why it cannot (used by the route for a 422 answer, and by transform). */
export function readWebhookBody(body: string): { events: unknown[] } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return { error: `body is not valid JSON: ${(e as Error).message}` };
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success) return { error: 'expected one event object or { "events": [ … ] }' };
  return "events" in parsed.data && Array.isArray(parsed.data.events) ? { events: parsed.data.events } : { events: [json] };
}

export function transformWebhookBody(payload: RawPayloadInput): TransformResult {
  const read = readWebhookBody(payload.body);
  if ("error" in read) {
    return { records: [], issues: [{ entity: "unknown", position: payload.label, field: null, message: read.error, raw: payload.body.slice(0, 10_000) }] };
  }
  const records: CanonicalRecord[] = [];
  const issues: RecordIssue[] = [];
  read.events.forEach((event, index) => {
    const position = `${payload.label} event ${index + 1}`;
    const parsed = webhookEventSchema.safeParse(event);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      issues.push({ entity: "unknown", position, field: first?.path.join(".") || null, message: parsed.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`).join("; "), raw: event });
      return;
    }
    const e = parsed.data;
    records.push({ entity: e.entity as CanonicalRecord["entity"], version: e.version, externalId: e.id ?? null, data: e.data, origin: { position } });
  });
  return { records, issues };
}

export const webhookAdapter: SourceAdapter<z.infer<typeof webhookConfigSchema>> = {
  kind: "webhook",
  configSchema: webhookConfigSchema,
  secretNames: ["signingSecret"],
  transform: (payload) => transformWebhookBody(payload),
};
