import type { Metadata } from "next";
import { LoginForm } from "@/components/layout/login-form";
import { oidcEnabled } from "@/lib/server/auth/oidc-provider";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold">Exception Workbench</h1>
        <p className="mb-5 text-sm text-slate-600">Sign in to triage exceptions for your sites.</p>
        <LoginForm callbackUrl={params.callbackUrl} initialError={params.error} sso={oidcEnabled()} />
      </div>
    </main>
  );
}
