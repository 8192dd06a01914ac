import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { AppError } from "@/lib/server/errors";
import { MAX_UPLOAD_BYTES, storeUpload } from "@/lib/server/dal/file-imports";
import { CROSS_ORIGIN_MESSAGE, isSameOrigin } from "@/lib/server/http/same-origin";
import { withRequestLog } from "@/lib/server/request-log";

/**
 * POST /api/sources/:sourceId/uploads — the raw file as the request body (streamed, never buffered whole), name in
 * X-File-Name. Answers { payloadId, duplicate, sizeBytes }. Server actions cap bodies at a few MB; a route streams.
 */
async function* streamChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

async function handlePost(request: NextRequest, { params }: { params: Promise<{ sourceId: string }> }) {
  // A cookie rides along with any site's request: only our own pages may upload (CSRF).
  if (!isSameOrigin(request.headers)) return NextResponse.json({ error: CROSS_ORIGIN_MESSAGE }, { status: 403 });
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  const { sourceId } = await params;
  const name = decodeURIComponent(request.headers.get("x-file-name") ?? "").trim();
  if (!name || name.length > 255 || /[\\/]/.test(name)) return NextResponse.json({ error: "Send the file name in X-File-Name" }, { status: 400 });
  if (Number(request.headers.get("content-length") ?? 0) > MAX_UPLOAD_BYTES) return NextResponse.json({ error: "File larger than 2 GB" }, { status: 413 });
  if (!request.body) return NextResponse.json({ error: "Empty upload" }, { status: 400 });
  try {
    const stored = await storeUpload(viewer, sourceId, { name, contentType: request.headers.get("content-type") ?? "application/octet-stream", body: streamChunks(request.body) });
    return NextResponse.json({ payloadId: stored.id, duplicate: stored.duplicate, sizeBytes: stored.sizeBytes }, { status: stored.duplicate ? 200 : 201 });
  } catch (e) {
    if (e instanceof AppError) {
      const status = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, CONFLICT: 409, INVALID: 400 }[e.code];
      return NextResponse.json({ error: e.message }, { status });
    }
    throw e;
  }
}

export const POST = withRequestLog("POST /api/sources/[sourceId]/uploads", handlePost);
