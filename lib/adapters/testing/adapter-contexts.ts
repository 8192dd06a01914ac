/**
 * Adapter settings that match the fake ERP server's fixtures, for tests, browser tests and the demo.
 * Retries are fast (1 ms base delay) so injected faults do not slow tests down.
 */
import type { z } from "zod";
import type { AdapterContext } from "@/lib/adapters/types";
import { odooConfigSchema, type OdooConfig } from "@/lib/adapters/odoo/config";
import { erpnextConfigSchema, type ErpnextConfig } from "@/lib/adapters/erpnext/config";
import { DEFAULT_FAKE_CREDENTIALS, type FakeCredentials } from "./fake-erp-state";

export function fakeOdooContext(url: string, overrides: Partial<z.input<typeof odooConfigSchema>> = {}, credentials: FakeCredentials = DEFAULT_FAKE_CREDENTIALS): AdapterContext<OdooConfig> {
  const config = odooConfigSchema.parse({
    baseUrl: url,
    database: credentials.odoo.database,
    login: credentials.odoo.login,
    pageSize: 5,
    locationMap: { "AW1/Stock": "AW-BOTHELL", "AW2/Stock": "AW-SEATTLE" },
    pickingTypeMap: { "1": "AW-BOTHELL", "2": "AW-SEATTLE" },
    uomFactors: { Units: 1, Dozens: 12 },
    retry: { baseDelayMs: 1, maxAttempts: 4, timeoutMs: 5_000 },
    ...overrides,
  });
  return { config, secrets: { apiKey: credentials.odoo.apiKey }, fetch };
}

export function fakeErpnextContext(url: string, overrides: Partial<z.input<typeof erpnextConfigSchema>> = {}, credentials: FakeCredentials = DEFAULT_FAKE_CREDENTIALS): AdapterContext<ErpnextConfig> {
  const config = erpnextConfigSchema.parse({
    baseUrl: url,
    pageSize: 4,
    warehouseMap: { "Stores - AW": "AW-BOTHELL", "Finished Goods - AW": "AW-SEATTLE" },
    retry: { baseDelayMs: 1, maxAttempts: 4, timeoutMs: 5_000 },
    ...overrides,
  });
  return { config, secrets: { apiKey: credentials.erpnext.apiKey, apiSecret: credentials.erpnext.apiSecret }, fetch };
}
