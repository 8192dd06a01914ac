import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { prisma } from "@/lib/server/db";
import { oidcProvider } from "@/lib/server/auth/oidc-provider";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

// Compared against when the e-mail is unknown, so response time does not reveal which accounts exist.
const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Qn0R3oXlzv6sgN8ZCh3o5sAtlXqzQa";

const SESSION_HOURS = Number(process.env.SESSION_MAX_AGE_HOURS ?? 12);

/** next-auth configuration: credentials login, optional OIDC, JWT sessions carrying only the user id. */
export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await prisma.user.findUnique({ where: { email: parsed.data.email } });
        const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !user.active || !user.passwordHash || !ok) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...oidcProvider(),
  ],
  callbacks: {
    // SSO users must already exist (an admin assigns role and sites); unknown identities are refused.
    async signIn({ user, account }) {
      if (account?.provider === "credentials") return true;
      if (!user.email) return false;
      const known = await prisma.user.findUnique({ where: { email: user.email.toLowerCase() } });
      return Boolean(known?.active);
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const dbUser = await prisma.user.findUnique({ where: { email: (user.email ?? "").toLowerCase() } });
        if (dbUser) token.uid = dbUser.id;
      }
      return token;
    },
    async session({ session, token }) {
      // Role and sites are deliberately NOT trusted from the token: lib/server/auth/viewer.ts reloads them.
      if (session.user) (session.user as { id?: string }).id = token.uid as string | undefined;
      return session;
    },
  },
};
