"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { UploadedFile } from "./types";

export type UploadState =
  | { status: "idle" }
  | { status: "uploading"; fileName: string; loaded: number; total: number }
  | { status: "failed"; fileName: string; message: string };

/**
 * Sends one file to POST /api/sources/:sourceId/uploads as the raw request body. XMLHttpRequest rather than fetch:
 * only XHR reports upload progress (xhr.upload.onprogress) in browsers today, and it can be aborted mid-way.
 */
export function useFileUpload(sourceId: string) {
  const [state, setState] = useState<UploadState>({ status: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);

  // Leaving the page mid-upload should not keep the request running in the background.
  useEffect(() => () => xhrRef.current?.abort(), []);

  const upload = useCallback(
    (file: File) =>
      new Promise<UploadedFile | null>((resolve) => {
        const xhr = new XMLHttpRequest();
        xhrRef.current = xhr;
        const fail = (message: string) => {
          xhrRef.current = null;
          setState({ status: "failed", fileName: file.name, message });
          resolve(null);
        };
        setState({ status: "uploading", fileName: file.name, loaded: 0, total: file.size });
        xhr.open("POST", `/api/sources/${encodeURIComponent(sourceId)}/uploads`);
        xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
        xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
        xhr.upload.onprogress = (e) => setState({ status: "uploading", fileName: file.name, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
        xhr.onload = () => {
          let body: { payloadId?: string; duplicate?: boolean; sizeBytes?: number; error?: string } = {};
          try {
            body = JSON.parse(xhr.responseText) as typeof body;
          } catch {
            // A proxy's HTML error page: fall through to the status message.
          }
          if ((xhr.status === 200 || xhr.status === 201) && body.payloadId) {
            xhrRef.current = null;
            setState({ status: "idle" });
            resolve({ payloadId: body.payloadId, duplicate: Boolean(body.duplicate), sizeBytes: body.sizeBytes ?? file.size, fileName: file.name });
            return;
          }
          fail(body.error ? `Upload refused: ${body.error}` : `Upload failed (HTTP ${xhr.status}). Nothing was stored; try again.`);
        };
        xhr.onerror = () => fail("The upload was interrupted (network error). Nothing was stored; try again.");
        xhr.onabort = () => fail("Upload cancelled. Nothing was stored.");
        xhr.send(file);
      }),
    [sourceId],
  );

  const cancel = useCallback(() => xhrRef.current?.abort(), []);
  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, upload, cancel, reset };
}
