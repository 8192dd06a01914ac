import { prisma } from "@/lib/server/db";
import { enqueue } from "@/lib/server/jobs/enqueue";
import { JOBS } from "@/lib/server/jobs/queue";
import { readWebhookRequestBody, receiveWebhook } from "@/lib/server/ingest/receive-webhook";
import { withRequestLog } from "@/lib/server/request-log";

/**
 * POST /api/events — signed event push from a source (see lib/server/ingest/receive-webhook.ts for the protocol).
 * Headers: Content-Type: application/json, X-Workbench-Source, X-Workbench-Timestamp (unix seconds),
 * X-Workbench-Signature (sha256=<hex HMAC of "<timestamp>.<body>">), optional Idempotency-Key.
 */
async function handlePost(request: Request) {
  const body = await readWebhookRequestBody(request);
  if ("status" in body) return Response.json({ error: body.error }, { status: body.status });
  const answer = await receiveWebhook(
    prisma,
    {
      sourceCode: request.headers.get("x-workbench-source"),
      signature: request.headers.get("x-workbench-signature"),
      timestamp: request.headers.get("x-workbench-timestamp"),
      idempotencyKey: request.headers.get("idempotency-key"),
      body: body.text,
    },
    (data) => enqueue(JOBS.ingestPayload, data),
  );
  return Response.json(answer.body, { status: answer.status });
}

export const POST = withRequestLog("POST /api/events", handlePost);
