import Link from "next/link";

export default function DataSourceNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 py-8" data-testid="source-not-found">
      <h1 className="text-xl font-semibold text-slate-900">Data source not found</h1>
      <p className="text-sm text-slate-600">There is no data source with this id. It may have been removed.</p>
      <Link href="/admin/sources" className="inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Back to data sources
      </Link>
    </div>
  );
}
