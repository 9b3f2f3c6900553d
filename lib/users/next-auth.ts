/**
 * Auth.js (next-auth v5): email + password for everyone, GitHub and Google when their client ids are set.
 * Sessions are JWTs (the only kind Auth.js supports with passwords); every request still re-reads the user
 * in the session gate, so a deleted account loses access at once.
 */
import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { prisma } from "@/lib/db/prisma";
import { clientIp } from "@/lib/http/client-ip";
import { getInstanceSettings } from "@/lib/instance/data";
import { hasAnyUser, unsafeHasPendingInvite } from "./data";
import { insertUser, signOutSession } from "./mutations";
import { signInSchema } from "./schema";
import { verifySignIn } from "./sign-in";
import { SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/mutations";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

/** Thrown from `authorize` so that the sign-in form can say "too many attempts" rather than "wrong password". */
export class RateLimitedSignIn extends CredentialsSignin {
  override code = "rate_limited";
}

export const oauthProviders = [
  ...(process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET ? [{ id: "github", name: "GitHub", provider: GitHub }] : []),
  ...(process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET ? [{ id: "google", name: "Google", provider: Google }] : []),
];

/** The Prisma adapter, except that OAuth users go through Margin's own user creation (first user is admin). */
function adapter(): Adapter {
  const base = PrismaAdapter(prisma);
  return {
    ...base,
    async createUser(user: AdapterUser) {
      const created = await prisma.$transaction((tx) =>
        insertUser(
          tx,
          {
            email: user.email.toLowerCase(),
            name: user.name ?? null,
            image: user.image ?? null,
            emailVerified: user.emailVerified,
            passwordHash: null,
          },
          { allowWhenClosed: true },
        ),
      );
      if (!created.ok) throw new Error(created.message);
      return {
        id: created.value.id,
        email: created.value.email,
        name: created.value.name,
        emailVerified: user.emailVerified,
        image: user.image ?? null,
      };
    },
  };
}

const config: NextAuthConfig = {
  adapter: adapter(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Margin serves itself (server/main.ts); the Host header is the address users typed.
  trustHost: true,
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    // A wrong password is a normal outcome shown in the form, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const outcome = await verifySignIn({ ...parsed.data, ip: clientIp(request.headers) });
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "rate_limited") throw new RateLimitedSignIn();
        return null;
      },
    }),
    ...oauthProviders.map((entry) => entry.provider),
  ],
  events: {
    // Sign-out ends the session on the server, so a copy of the cookie signs nobody in, and closes the
    // user's live connections opened with a session (their other browsers reconnect and are let back in).
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sub && typeof token.sid === "string") await signOutSession({ userId: token.sub, sessionId: token.sid });
    },
  },
  callbacks: {
    async signIn({ account, user }) {
      if (!account || account.type === "credentials") return true;
      // An OAuth identity already linked to a user may always sign in.
      const linked = await prisma.account.findUnique({
        where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
        select: { userId: true },
      });
      if (linked) return true;
      // Otherwise this signs someone up: allowed on an empty instance, when sign-up is open, or with an invite.
      if (!(await hasAnyUser()) || (await getInstanceSettings()).signupOpen) return true;
      return user.email ? unsafeHasPendingInvite(user.email.toLowerCase()) : false;
    },
    // At sign-in (the only call with a user), a server-side session starts; its id goes into the cookie,
    // and the gates accept the cookie only while the session lasts (lib/auth/credentials.ts).
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = await startSession(user.id);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(config);
