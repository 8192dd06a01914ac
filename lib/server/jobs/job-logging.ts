/**
 * Every pg-boss handler in this process writes one log line per job (or batch): job name, job id(s),
 * duration and outcome; everything the handler logs meanwhile carries `job` and `jobId` too
 * (lib/server/log.ts context). Installed once on the worker's client, so handlers registered later —
 * including new jobs — are covered without remembering to wrap them.
 */
import type PgBoss from "pg-boss";
import { errorFields, log, withLogContext } from "@/lib/server/log";

type Handler = (jobs: PgBoss.Job<unknown>[]) => Promise<unknown>;

/** Wrap one handler with the job log context and its completion/failure line. */
export function loggedHandler(name: string, handler: Handler): Handler {
  return (jobs) =>
    withLogContext({ job: name, jobId: jobs[0]?.id }, async () => {
      const started = performance.now();
      const batch = jobs.length > 1 ? { jobIds: jobs.map((j) => j.id) } : {};
      try {
        const output = await handler(jobs);
        log.info({ ...batch, ms: Math.round(performance.now() - started), outcome: "completed" }, "job");
        return output;
      } catch (e) {
        // pg-boss retries per the queue's policy (lib/server/jobs/queue.ts).
        log.error({ ...batch, ms: Math.round(performance.now() - started), outcome: "failed", ...errorFields(e) }, "job failed");
        throw e;
      }
    });
}

/** Make `boss.work(...)` wrap every handler it is given with `loggedHandler`. */
export function logJobs(boss: PgBoss): void {
  const work = boss.work.bind(boss) as (...args: unknown[]) => Promise<string>;
  boss.work = ((name: string, ...rest: unknown[]) => {
    const handler = rest.pop() as Handler;
    return work(name, ...rest, loggedHandler(name, handler));
  }) as PgBoss["work"];
}
