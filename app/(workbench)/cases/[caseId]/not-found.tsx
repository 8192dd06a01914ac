import Link from "next/link";

export default function CaseNotFound() {
  return (
    <div className="mx-auto max-w-xl space-y-3 py-8" data-testid="case-not-found">
      <h1 className="text-xl font-semibold text-slate-900">Case not found or not in your sites</h1>
      <p className="text-sm text-slate-600">
        The case does not exist, or it belongs to a site you are not assigned to. Ask an administrator if you need access to another site.
      </p>
      <Link href="/cases" className="inline-flex items-center rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Back to cases
      </Link>
    </div>
  );
}
