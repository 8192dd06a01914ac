"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";

/** Only follow same-origin paths from callbackUrl (next-auth may hand us an absolute URL). */
function safeCallback(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "/";
  try {
    const u = new URL(callbackUrl, "http://placeholder.local");
    const target = u.pathname + u.search;
    return target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/login") ? target : "/";
  } catch {
    return "/";
  }
}

const ERROR_MESSAGES: Record<string, string> = {
  AccessDenied: "Sign-in failed: this account is not enabled in the workbench. Ask an admin to add you.",
  CredentialsSignin: "Sign-in failed. Check your e-mail and password.",
};

/** Only our own lockout sentence is shown as sent (the error arrives in the URL, which anyone can craft). */
const isLockMessage = (text: string | undefined | null): text is string =>
  typeof text === "string" && /^Too many failed sign-ins\. Sign-in is locked for \d+ more minutes?; try again later or ask an admin\.$/.test(text);

export function LoginForm({ callbackUrl, initialError, sso }: { callbackUrl?: string; initialError?: string; sso: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(
    initialError
      ? (ERROR_MESSAGES[initialError] ?? (isLockMessage(initialError) ? initialError : "Sign-in failed. Try again, or ask an admin if it keeps happening."))
      : null,
  );
  const [pending, startTransition] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    startTransition(async () => {
      const res = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
      if (!res || res.error) {
        // The lockout message comes from the server (lib/domain/auth/login-throttle.ts); anything else stays generic.
        setError(isLockMessage(res?.error) ? res!.error! : "Sign-in failed. Check your e-mail and password.");
        return;
      }
      router.replace(safeCallback(callbackUrl));
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error && <Notice>{error}</Notice>}
      <Field id="email" label="E-mail">
        <Input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" busy={pending} className="w-full">
        Sign in
      </Button>
      {sso && (
        <Button type="button" variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl: safeCallback(callbackUrl) })}>
          Sign in with single sign-on
        </Button>
      )}
    </form>
  );
}
