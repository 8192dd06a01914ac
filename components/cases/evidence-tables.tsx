import { ProjectionChart } from "@/components/charts/projection-chart";
import { Card } from "@/components/ui/card";
import { RECENT_RECEIPT_DAYS, type CaseEvidence } from "@/lib/server/dal/case-evidence";
import { formatDate, formatNumber, formatRelative, humanize } from "@/lib/utils/format";

type Col<T> = { header: string; cell: (row: T) => React.ReactNode; numeric?: boolean };

/** A compact, captioned table; says so when empty. */
function EvidenceTable<T>({ caption, rows, cols, rowKey, empty }: { caption: string; rows: T[]; cols: Col<T>[]; rowKey: (row: T) => string; empty: string }) {
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-800">
        {caption} <span className="font-normal text-slate-600">({rows.length})</span>
      </h3>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-600">{empty}</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={caption}>
          <table className="w-full min-w-[36rem] text-xs">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                {cols.map((c) => (
                  <th key={c.header} scope="col" className={`py-1 pr-3 font-medium ${c.numeric ? "text-right" : ""}`}>
                    {c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={rowKey(r)} className="border-b border-slate-100 align-top">
                  {cols.map((c) => (
                    <td key={c.header} className={`py-1 pr-3 text-slate-800 ${c.numeric ? "text-right tabular-nums" : ""}`}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** "ERP · 3 d ago" — where a record came from and how old it is. */
function Source({ system, at, now }: { system: string | null; at: string | null; now: Date }) {
  return (
    <span className="whitespace-nowrap text-slate-600">
      {system ?? "n/a"} · {at ? formatRelative(at, now) : "—"}
    </span>
  );
}

type Ev = CaseEvidence;

/** Projection chart plus the open documents behind it. */
export function EvidenceSection({ evidence, now }: { evidence: Ev | null; now: Date }) {
  if (!evidence) {
    return (
      <Card title="Evidence" id="evidence">
        <p className="text-sm text-slate-600">
          This case is not about a single item at a site (for example a stale data feed), so there is no projected balance or order evidence to show. See the causal chain for what was
          detected.
        </p>
      </Card>
    );
  }
  const { projection, balance } = evidence;
  return (
    <Card title={`Evidence · ${evidence.item.sku} at ${evidence.site.code}`} id="evidence">
      <div className="space-y-5" data-testid="evidence">
        {balance ? (
          <p className="text-xs text-slate-600">
            On hand {formatNumber(balance.onHand)} − allocated {formatNumber(balance.allocated)} − quality hold {formatNumber(balance.qualityHold)} = available{" "}
            {formatNumber(balance.onHand - balance.allocated - balance.qualityHold)}; safety stock {formatNumber(balance.safetyStock)}; average demand{" "}
            {formatNumber(balance.avgDailyDemand)}/day. <Source system={balance.sourceSystem} at={balance.sourceUpdatedAt} now={now} />
          </p>
        ) : (
          <p className="text-sm text-amber-700">No inventory balance is recorded for this item at {evidence.site.code}, so no projection can be drawn.</p>
        )}
        {projection && (
          <div>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">
              Projected available balance, next {projection.horizonDays} days (as of {formatDate(evidence.asOf)})
            </h3>
            <ProjectionChart
              points={projection.points}
              firstShortageDate={projection.firstShortageDate}
              shortageQty={projection.shortageQty}
              safetyStock={balance?.safetyStock ?? 0}
              onHand={balance?.onHand ?? null}
              startingAvailable={projection.startingAvailable}
            />
          </div>
        )}
        <EvidenceTable
          caption="Open purchase order lines"
          rows={evidence.poLines}
          rowKey={(r) => r.id}
          empty="No open purchase order lines for this item at this site."
          cols={[
            { header: "PO / line", cell: (r) => `${r.poNumber} / ${r.lineNo}` },
            { header: "Supplier", cell: (r) => r.supplierName ?? r.supplierCode ?? "—" },
            { header: "Qty open", cell: (r) => formatNumber(r.qtyOpen), numeric: true },
            {
              header: "Promised",
              cell: (r) => (
                <>
                  {formatDate(r.promisedDate)}
                  {r.originalPromisedDate !== r.promisedDate && <span className="block text-slate-600">was {formatDate(r.originalPromisedDate)}</span>}
                </>
              ),
            },
            { header: "ETA (basis)", cell: (r) => (r.eta ? `${formatDate(r.eta)} (${humanize(r.etaBasis ?? "")})` : "—") },
            {
              header: "ASN",
              cell: (r) =>
                r.asns.length
                  ? r.asns.map((a) => (
                      <span key={a.asnNumber} className="block">
                        {`${a.asnNumber} · ${formatNumber(a.qtyShipped)} · ${humanize(a.status)}`}{" "}
                        <Source system={a.sourceSystem} at={a.recordedAt} now={now} />
                      </span>
                    ))
                  : "No ASN",
            },
            { header: "Source · age", cell: (r) => <Source system={r.sourceSystem} at={r.recordedAt} now={now} /> },
          ]}
        />
        <EvidenceTable
          caption="Open sales order lines"
          rows={evidence.soLines}
          rowKey={(r) => r.id}
          empty="No open sales order lines for this item at this site."
          cols={[
            { header: "SO / line", cell: (r) => `${r.soNumber} / ${r.lineNo}` },
            { header: "Customer (tier)", cell: (r) => `${r.customerName ?? "—"} (${humanize(r.customerTier)})${r.creditHold ? " · credit hold" : ""}` },
            { header: "Qty open", cell: (r) => formatNumber(r.qtyOpen), numeric: true },
            { header: "Allocated", cell: (r) => formatNumber(r.qtyAllocated), numeric: true },
            { header: "Promised ship", cell: (r) => formatDate(r.promisedShipDate) },
            { header: "Priority", cell: (r) => r.priority, numeric: true },
            { header: "Source · age", cell: (r) => <Source system={r.sourceSystem} at={r.recordedAt} now={now} /> },
          ]}
        />
        <EvidenceTable
          caption={`Receipts in the last ${RECENT_RECEIPT_DAYS} days`}
          rows={evidence.receipts}
          rowKey={(r) => r.id}
          empty={`No receipts of this item at this site in the last ${RECENT_RECEIPT_DAYS} days.`}
          cols={[
            { header: "Receipt", cell: (r) => r.receiptNumber },
            { header: "PO", cell: (r) => r.poNumber ?? "—" },
            { header: "ASN", cell: (r) => r.asnNumber ?? "—" },
            { header: "Qty received", cell: (r) => formatNumber(r.qtyReceived), numeric: true },
            { header: "Received", cell: (r) => formatDate(r.receivedAt) },
            { header: "Source · age", cell: (r) => <Source system={r.sourceSystem} at={r.recordedAt} now={now} /> },
          ]}
        />
        <EvidenceTable
          caption="Transfers in transit to this site"
          rows={evidence.transfers}
          rowKey={(r) => r.transferNumber}
          empty="No inbound transfers in transit."
          cols={[
            { header: "Transfer", cell: (r) => r.transferNumber },
            { header: "From", cell: (r) => r.fromCode ?? "—" },
            { header: "Qty in transit", cell: (r) => formatNumber(r.qtyInTransit), numeric: true },
            { header: "Shipped", cell: (r) => formatDate(r.shippedAt) },
            { header: "Expected", cell: (r) => formatDate(r.expectedAt) },
            { header: "Source · age", cell: (r) => <Source system={r.sourceSystem} at={r.recordedAt} now={now} /> },
          ]}
        />
        <EvidenceTable
          caption="Active holds"
          rows={evidence.holds}
          rowKey={(r) => r.id}
          empty="No active holds."
          cols={[
            { header: "Kind", cell: (r) => humanize(r.kind) },
            { header: "Qty", cell: (r) => formatNumber(r.qty), numeric: true },
            { header: "Lot", cell: (r) => r.lot ?? "—" },
            { header: "Reason", cell: (r) => r.reason },
            { header: "Placed", cell: (r) => formatDate(r.placedAt) },
            { header: "Source · age", cell: (r) => <Source system={r.sourceSystem} at={r.recordedAt} now={now} /> },
          ]}
        />
      </div>
    </Card>
  );
}
