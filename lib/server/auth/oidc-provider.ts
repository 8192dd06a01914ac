import "server-only";
import type { Provider } from "next-auth/providers/index";

/**
 * Optional OpenID Connect sign-in, enabled when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
 * are set (e.g. Keycloak, Entra ID, Okta). Role and sites still come from our User table.
 */
export function oidcProvider(): Provider[] {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? profile.email ?? profile.sub };
      },
    },
  ];
}

/** Whether the login page should offer the SSO button. */
export const oidcEnabled = () => Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
