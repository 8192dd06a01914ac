/** The ERPNext / Frappe source adapter (REST /api/resource): pull, transform, write-back. */
import type { SourceAdapter } from "@/lib/adapters/types";
import { erpnextConfigSchema, ERPNEXT_SECRET_NAMES, type ErpnextConfig } from "./config";
import { pullErpnext } from "./pull";
import { transformErpnextPage } from "./transform";
import { writeBackErpnext } from "./write-back";

export const erpnextAdapter: SourceAdapter<ErpnextConfig> = {
  kind: "erpnext",
  configSchema: erpnextConfigSchema,
  secretNames: ERPNEXT_SECRET_NAMES,
  pull: pullErpnext,
  transform: transformErpnextPage,
  writeBack: writeBackErpnext,
};

export { erpnextConfigSchema, type ErpnextConfig } from "./config";
