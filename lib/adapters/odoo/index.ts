/** The Odoo source adapter (JSON-RPC, Odoo 17+): pull, transform, write-back. */
import type { SourceAdapter } from "@/lib/adapters/types";
import { odooConfigSchema, ODOO_SECRET_NAMES, type OdooConfig } from "./config";
import { pullOdoo } from "./pull";
import { transformOdooPage } from "./transform";
import { writeBackOdoo } from "./write-back";

export const odooAdapter: SourceAdapter<OdooConfig> = {
  kind: "odoo",
  configSchema: odooConfigSchema,
  secretNames: ODOO_SECRET_NAMES,
  pull: pullOdoo,
  transform: transformOdooPage,
  writeBack: writeBackOdoo,
};

export { odooConfigSchema, type OdooConfig } from "./config";
