import { DELIVERY_CHANNEL_LABELS, KIND_LABELS, isNotificationKind } from "@/lib/domain/notify/kinds";
import { formatDateTime } from "@/lib/utils/format";
import { DeliveryStatusBadge } from "@/components/notifications/delivery-status-badge";
import { RetryDeliveryButton } from "@/components/notifications/retry-delivery-button";

export type DeliveryRow = {
  id: string;
  channel: "EMAIL" | "SLACK" | "TEAMS";
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  response?: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt?: Date;
  title: string;
  to?: string;
};

const kindLabel = (k: string) => (isNotificationKind(k) ? KIND_LABELS[k].label : k === "DIGEST" ? "Daily digest" : k === "TEST" ? "Test" : k);

/** Recent outbound deliveries; admins get a Retry on failed rows. */
export function DeliveriesTable({ rows, canRetry, empty, testId }: { rows: DeliveryRow[]; canRetry: boolean; empty: string; testId: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Deliveries">
      <table className="w-full min-w-[820px] text-sm" data-testid={testId}>
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1.5 pr-2 font-medium">
              Queued
            </th>
            <th scope="col" className="pr-2 font-medium">
              Message
            </th>
            <th scope="col" className="pr-2 font-medium">
              Channel
            </th>
            {rows.some((r) => r.to) && (
              <th scope="col" className="pr-2 font-medium">
                To
              </th>
            )}
            <th scope="col" className="pr-2 font-medium">
              Status
            </th>
            <th scope="col" className="font-medium">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((r) => (
            <tr key={r.id} data-testid="delivery-row" data-status={r.status}>
              <td className="py-1.5 pr-2 text-xs whitespace-nowrap text-slate-600">{formatDateTime(r.createdAt)}</td>
              <td className="pr-2">
                <span className="block max-w-[28rem] truncate" title={r.title}>
                  {r.title}
                </span>
                <span className="text-xs text-slate-500">{kindLabel(r.kind)}</span>
              </td>
              <td className="pr-2 whitespace-nowrap">{DELIVERY_CHANNEL_LABELS[r.channel]}</td>
              {rows.some((x) => x.to) && <td className="max-w-[14rem] truncate pr-2 text-xs" title={r.to}>{r.to}</td>}
              <td className="pr-2 whitespace-nowrap">
                <DeliveryStatusBadge status={r.status} attempts={r.attempts} />
              </td>
              <td className="min-w-[12rem] text-xs text-slate-600">
                <div className="flex items-start justify-between gap-2">
                  <span className="max-w-[22rem] break-words">
                    {r.status === "SENT" ? `${formatDateTime(r.sentAt)} · ${r.attempts} attempt${r.attempts === 1 ? "" : "s"}` : (r.lastError ?? (r.status === "QUEUED" && r.nextAttemptAt ? `due ${formatDateTime(r.nextAttemptAt)}` : ""))}
                    {r.status === "QUEUED" && r.lastError && r.nextAttemptAt ? ` · next try ${formatDateTime(r.nextAttemptAt)}` : ""}
                  </span>
                  {canRetry && r.status === "FAILED" && <RetryDeliveryButton id={r.id} label={r.title} />}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
