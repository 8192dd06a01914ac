import { formatDateTime } from "@/lib/utils/format";
import { RunStatusBadge, formatBytes } from "./source-badges";
import { ReplayPayloadButton } from "./replay-payload-button";
import type { PayloadView } from "./types";

/** Raw payloads as received (newest first), each replayable with the current settings. */
export function PayloadsTable({ payloads }: { payloads: PayloadView[] }) {
  if (payloads.length === 0) return <p className="text-sm text-slate-600">Nothing received yet.</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
      <table className="w-full text-sm" data-testid="payloads-table">
        <caption className="sr-only">Payloads received from this source, newest first</caption>
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="pr-3 font-medium">Received</th>
            <th scope="col" className="pr-3 font-medium">Kind</th>
            <th scope="col" className="pr-3 font-medium">File / label</th>
            <th scope="col" className="pr-3 font-medium">Size</th>
            <th scope="col" className="pr-3 font-medium">Status</th>
            <th scope="col" className="pr-3 font-medium">Error</th>
            <th scope="col" className="pr-3 font-medium">Run</th>
            <th scope="col" className="font-medium">Actions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {payloads.map((p) => {
            const label = p.fileName ?? `${p.kind} ${formatDateTime(p.receivedAt)}`;
            return (
              <tr key={p.id} data-testid="payload-row" data-status={p.status} className="align-top">
                <td className="py-2 pr-3 text-xs whitespace-nowrap">{formatDateTime(p.receivedAt)}</td>
                <td className="py-2 pr-3 text-xs">
                  {p.kind}
                  {p.direction === "OUT" && <span className="block text-slate-500">outbound</span>}
                </td>
                <td className="py-2 pr-3 text-xs">
                  {p.fileName ?? <span className="text-slate-500">{p.contentType}</span>}
                </td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap tabular-nums">{formatBytes(p.sizeBytes)}</td>
                <td className="py-2 pr-3">
                  <RunStatusBadge status={p.status} />
                </td>
                <td className="py-2 pr-3 text-xs text-rose-800">{p.error ?? ""}</td>
                <td className="py-2 pr-3 text-xs">
                  {p.runId ? (
                    <a href={`#run-${p.runId}`} className="text-brand-700 underline underline-offset-2">
                      View run
                    </a>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="py-2">
                  {p.direction === "IN" ? <ReplayPayloadButton payloadId={p.id} label={label} /> : <span className="text-xs text-slate-500">Sent to partner</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
