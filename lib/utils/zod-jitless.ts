/**
 * Turn off zod 4's JIT (which probes `new Function`, a CSP violation under our policy) without
 * importing zod: zod keeps its global config on `globalThis.__zod_globalConfig` and adopts an
 * existing object when it loads (zod/v4/core/core.js), so setting the flag here works whether zod
 * loads before or after. zod-jitless.test.ts checks zod still reads it there.
 */
type ZodGlobal = { __zod_globalConfig?: { jitless?: boolean } };

export const ZOD_JITLESS = {
  apply(): void {
    const g = globalThis as ZodGlobal;
    (g.__zod_globalConfig ??= {}).jitless = true;
  },
};
