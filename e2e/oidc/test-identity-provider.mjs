/**
 * A real OpenID Connect provider (panva/oidc-provider) on localhost, for the browser tests of the
 * optional SSO sign-in. Its development login page accepts any login; the login becomes the user's
 * e-mail claim, so the workbench decides access exactly as it would with a corporate IdP.
 */
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 3201);
const redirectUri = process.env.OIDC_TEST_REDIRECT_URI ?? "http://localhost:3100/api/auth/callback/oidc";

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: "workbench-e2e",
      client_secret: "workbench-e2e-secret",
      redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true, name: id.split("@")[0] }),
  }),
  cookies: { keys: ["e2e-only-cookie-signing-key"] },
  // Put the e-mail claim in the ID token, as Entra ID, Keycloak and Okta do by default.
  conformIdTokenClaims: false,
});

provider.listen(port, () => console.log(`test OIDC provider on http://localhost:${port}`));
