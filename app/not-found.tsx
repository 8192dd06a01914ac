import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-8 text-center">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-600">This page does not exist, or it is outside the sites you can see.</p>
      <Link href="/" className="mt-4 inline-block text-brand-700 hover:underline">
        Go to your start page
      </Link>
    </main>
  );
}
