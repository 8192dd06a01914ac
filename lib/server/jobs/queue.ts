import PgBoss from "pg-boss";

/**
 * Background work goes through pg-boss (a PostgreSQL-backed queue), never in-process timers:
 * web nodes only enqueue; any number of `npm run worker` processes consume.
 */
export const JOBS = {
  /** Re-run detection and scoring over the whole network. At most one queued and one running. */
  detect: "detect",
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

const QUEUE_OPTIONS: Record<JobName, Omit<PgBoss.Queue, "name">> = {
  detect: { policy: "stately", retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 },
};

/** Start a pg-boss client; producers pass `{ worker: false }` so web nodes do no maintenance. */
export async function startQueue(url = process.env.DATABASE_URL, opts: { worker: boolean } = { worker: true }): Promise<PgBoss> {
  if (!url) throw new Error("DATABASE_URL is not set");
  const boss = new PgBoss({
    connectionString: url,
    schema: "pgboss",
    max: opts.worker ? 4 : 2,
    supervise: opts.worker,
    schedule: opts.worker,
  });
  boss.on("error", (e) => console.error("[queue]", e instanceof Error ? e.message : e));
  await boss.start();
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    await boss.createQueue(name, { name, ...options });
  }
  return boss;
}
