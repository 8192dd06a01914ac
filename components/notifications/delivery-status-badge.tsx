import { Badge } from "@/components/ui/badge";

const STYLES: Record<string, string> = {
  QUEUED: "bg-sky-50 text-sky-800 ring-sky-300",
  SENDING: "bg-violet-50 text-violet-800 ring-violet-300",
  SENT: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  FAILED: "bg-rose-50 text-rose-800 ring-rose-300",
};
const LABEL: Record<string, string> = { QUEUED: "Queued", SENDING: "Sending", SENT: "Sent", FAILED: "Failed" };

/** Status of one outbound delivery (text, not only colour). */
export function DeliveryStatusBadge({ status, attempts }: { status: string; attempts: number }) {
  return (
    <Badge className={STYLES[status] ?? STYLES.QUEUED}>
      {LABEL[status] ?? status}
      {status === "QUEUED" && attempts > 0 ? ` · retry ${attempts + 1}` : ""}
    </Badge>
  );
}
