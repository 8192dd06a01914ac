/** Settings of an X12 source (DataSource.config). Quantities are converted to the stock unit with these tables. */
import { z } from "zod";

const factor = z.number().finite().positive();

export const x12ConfigSchema = z.object({
  /** Units per stock unit, by X12 unit code (355): { EA: 1, CA: 12 } = a case is 12 stock units. */
  uomFactors: z.record(z.string(), factor).default({ EA: 1, PC: 1, UN: 1 }),
  /** Item-specific overrides: { "SKU-1": { CA: 24 } }. Checked before uomFactors. */
  skuUomFactors: z.record(z.string(), z.record(z.string(), factor)).optional(),
  /** Partner's party id or name (N104/N102, GS/ISA ids) → our location code. */
  partnerLocationCodes: z.record(z.string(), z.string()).optional(),
  /** Partner's party id or name → our supplier code. */
  partnerSupplierCodes: z.record(z.string(), z.string()).optional(),
  /** Partner's party id or name → our customer code (940/945 ship-to). */
  partnerCustomerCodes: z.record(z.string(), z.string()).optional(),
  /** Location used when a document names none (e.g. an 850 without N1*ST). */
  defaultLocationCode: z.string().trim().min(1).optional(),
  /** ETA = ship date + this many days when an 856 carries no DTM*017. Without it such an ASN is an issue. */
  defaultTransitDays: z.number().int().min(0).max(365).optional(),
  /** Product id qualifiers (235) in the order we take our SKU from. */
  skuQualifiers: z.array(z.string()).default(["SK", "BP", "IN", "CB", "VP", "VN", "VC", "VA", "UP", "UK", "UA", "EN", "ST", "MG"]),
});

export type X12Config = z.output<typeof x12ConfigSchema>;
export type X12ConfigInput = z.input<typeof x12ConfigSchema>;
