/**
 * `npm run db:backup -- <file>`: pg_dump (custom format) of the running database — DATABASE_URL, else
 * the embedded demo database (shared with a running `npm run demo`, started for the dump otherwise).
 * `npm run db:restore -- <file> [--target-url=postgresql://…/newdb]`: restore into a fresh database
 * (default: `<database>_restore_<timestamp>` on the same server), verify the audit chain, print counts.
 * See lib/cli/backup-restore.ts.
 */
import { resolveServer, splitDatabaseUrl } from "@/lib/cli/database";
import { backupDatabase, restoreDatabase, safeUrl } from "@/lib/cli/backup-restore";

const [mode, ...args] = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--"));
const targetArg = args.find((a) => a.startsWith("--target-url="))?.slice("--target-url=".length);

async function main(): Promise<number> {
  if ((mode !== "backup" && mode !== "restore") || !file) {
    console.error("Usage: npm run db:backup -- <file.dump>\n       npm run db:restore -- <file.dump> [--target-url=postgresql://user@host:5432/new_db]");
    return 2;
  }
  const server = await resolveServer("demo", () => {});
  const sourceUrl = server.embedded ? `${server.url}/workbench` : server.url;
  try {
    if (mode === "backup") {
      const r = await backupDatabase(sourceUrl, file);
      console.log(`Backup of ${safeUrl(sourceUrl)} written to ${r.file}: ${(r.bytes / 1048576).toFixed(1)} MiB in ${(r.ms / 1000).toFixed(1)} s (${r.tool}, PostgreSQL ${r.serverMajor}).`);
      return 0;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const { serverUrl, database } = splitDatabaseUrl(sourceUrl);
    const targetUrl = targetArg ?? `${serverUrl}/${database}_restore_${stamp}`;
    const r = await restoreDatabase(file, targetUrl);
    console.log(`Restored ${file} into ${safeUrl(r.targetUrl)} in ${(r.ms / 1000).toFixed(1)} s (${r.tool}).`);
    console.log(`Row counts: ${Object.entries(r.counts).map(([t, n]) => `${t} ${n}`).join(", ")}`);
    if (!r.chain.ok) {
      console.error(`Audit chain BROKEN in the restored copy at seq ${r.chain.firstBrokenSeq} (${r.chain.problem}); ${r.chain.rows} rows checked.`);
      return 1;
    }
    console.log(`Audit chain OK: ${r.chain.rows} rows verified. Point DATABASE_URL at the restored database to use it.`);
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`db:${mode ?? "backup"} failed:`, e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
