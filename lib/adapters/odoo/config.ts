import { z } from "zod";

/** Non-secret settings of an Odoo source (DataSource.config). The API key is the secret "apiKey". */
export const odooConfigSchema = z.object({
  baseUrl: z.url(),
  database: z.string().trim().min(1),
  /** The user the API key belongs to. */
  login: z.string().trim().min(1),
  pageSize: z.number().int().min(1).max(5000).default(500),
  /**
   * stock.location id or complete_name → our location code. A name also covers its children:
   * "AW1/Stock" maps "AW1/Stock/Shelf 2" unless a longer key matches.
   */
  locationMap: z.record(z.string(), z.string().trim().min(1)).refine((m) => Object.keys(m).length > 0, "map at least one location"),
  /** Only stock in these stock.warehouse ids (empty = all warehouses). */
  warehouseIds: z.array(z.number().int().positive()).default([]),
  /** Purchase orders: receipt picking type (stock.picking.type id or display name, "AW1: Receipts") → location code. */
  pickingTypeMap: z.record(z.string(), z.string().trim().min(1)).default({}),
  /** Location for purchase orders whose picking type is not in pickingTypeMap; null = report them as issues. */
  defaultLocationCode: z.string().trim().min(1).nullable().default(null),
  /** uom.uom name → how many stock units one of it holds ("Dozens": 12). Unknown units become issues. */
  uomFactors: z.record(z.string(), z.number().positive()).default({ Units: 1 }),
  /** res.partner id or name → our supplier code; unmapped vendors use their display name. */
  supplierMap: z.record(z.string(), z.string().trim().min(1)).default({}),
  retry: z
    .object({ timeoutMs: z.number().int().positive(), maxAttempts: z.number().int().min(1).max(10), baseDelayMs: z.number().int().min(0) })
    .partial()
    .default({}),
});

export type OdooConfig = z.output<typeof odooConfigSchema>;
export const ODOO_SECRET_NAMES = ["apiKey"] as const;
