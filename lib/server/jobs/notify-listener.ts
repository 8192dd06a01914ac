/**
 * Worker side of the outbox wake-up: a dedicated PostgreSQL connection LISTENs on the channel the recording
 * transactions NOTIFY (delivered only on commit) and asks for a delivery run. On a lost connection it
 * reconnects after a pause; until then the every-minute schedule keeps deliveries going.
 */
import pg from "pg";
import { OUTBOX_CHANNEL } from "@/lib/server/notify/wake-workers";

export type OutboxListener = { close: () => Promise<void> };

export async function listenForOutbox(url: string, onWake: () => Promise<void>, log = console.error): Promise<OutboxListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const reconnectLater = () => {
    if (closed) return;
    retry = setTimeout(() => {
      connect().catch((e: Error) => {
        log("[worker] notification listener could not reconnect:", e.message);
        reconnectLater();
      });
    }, 5_000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on("notification", () => void onWake().catch((e) => log("[worker] notifications wake-up failed:", e instanceof Error ? e.message : e)));
    c.on("error", (e) => {
      log("[worker] notification listener lost its connection:", e.message);
      void c.end().catch(() => undefined);
      reconnectLater();
    });
    await c.connect();
    await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    // After a reconnect, send what was recorded while nobody listened.
    if (client) void onWake().catch(() => undefined);
    client = c;
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
