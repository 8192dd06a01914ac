import { z } from "zod";

/** Non-secret settings of an ERPNext source (DataSource.config). Secrets: "apiKey" and "apiSecret". */
export const erpnextConfigSchema = z.object({
  baseUrl: z.url(),
  pageSize: z.number().int().min(1).max(5000).default(500),
  /**
   * Warehouse name ("Stores - AW") → our location code. One warehouse per code: a Bin is one item × warehouse and is
   * pulled on its own, so two warehouses on one code would overwrite each other's balance instead of adding up.
   */
  warehouseMap: z
    .record(z.string(), z.string().trim().min(1))
    .refine((m) => Object.keys(m).length > 0, "map at least one warehouse")
    .refine((m) => new Set(Object.values(m)).size === Object.values(m).length, "each location code can be mapped from one warehouse only"),
  /** Supplier name → our supplier code; unmapped suppliers keep their ERPNext name. */
  supplierMap: z.record(z.string(), z.string().trim().min(1)).default({}),
  /** The site's time zone as a UTC offset: Frappe stores `modified`, posting dates and times in local time. */
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, "like +02:00").default("+00:00"),
  retry: z
    .object({ timeoutMs: z.number().int().positive(), maxAttempts: z.number().int().min(1).max(10), baseDelayMs: z.number().int().min(0) })
    .partial()
    .default({}),
});

export type ErpnextConfig = z.output<typeof erpnextConfigSchema>;
export const ERPNEXT_SECRET_NAMES = ["apiKey", "apiSecret"] as const;
