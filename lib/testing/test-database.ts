/**
 * Integration tests get their own database, cloned from templates that `npm test` prepares
 * (lib/cli/test.ts): "empty" = migrated, no rows; "seeded" = demo data + one detection run.
 * Cloning with CREATE DATABASE … TEMPLATE takes ~100 ms, so every test file can start clean.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export type TestDatabase = { url: string; drop: () => Promise<void> };

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\`, which prepares the test databases.`);
  return v;
}

/** Create a fresh database cloned from the given template; call `drop()` when done. */
export async function createTestDatabase(kind: "empty" | "seeded"): Promise<TestDatabase> {
  const serverUrl = env("WB_TEST_SERVER_URL");
  const template = env(kind === "empty" ? "WB_TEST_TEMPLATE_EMPTY" : "WB_TEST_TEMPLATE_SEEDED");
  const name = `${env("WB_TEST_RUN")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `${serverUrl}/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: `${serverUrl}/postgres` });
      await c.connect();
      try {
        // pg's Pool.end() resolves before its clients' sockets have closed: forcing the drop at once can
        // terminate a backend that is still saying goodbye, and its 57P01 then surfaces as an uncaught
        // pool error in the test process. Give closing connections a moment; FORCE only what is left.
        for (let i = 0; i < 5; i++) {
          const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
          if (rows[0].n === 0) break;
          if (process.env.WB_DEBUG_DROP) console.error(`[drop] ${name} waiting ${i}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
