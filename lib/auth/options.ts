import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { ABSOLUTE_SESSION_HOURS } from '@/lib/config/policies';
import { endSession, signIn } from '@/lib/data/internal/sign-in';
import { env } from '@/lib/env';
import { MFA_REQUIRED } from '@/lib/validation/auth';
import { requestMeta } from './meta';

const credentialsSchema = z.object({
  tenant: z.string().trim().min(1).max(64),
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  code: z.string().trim().max(32).optional(),
});

/** The cookie lives as long as the longest session may (the sessions row decides sooner). */
export const SESSION_MAX_AGE_SECONDS = ABSOLUTE_SESSION_HOURS * 60 * 60;

/**
 * next-auth keeps only our session id in its signed, encrypted JWT cookie. Whether the session
 * still stands is decided by the sessions table on every request (lib/auth/request.ts).
 */
export const authOptions: NextAuthOptions = {
  // Read when next-auth handles a request, not when the module loads (the build has no secret).
  get secret() {
    return env().NEXTAUTH_SECRET;
  },
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      id: 'tenant-credentials',
      name: 'Tenant account',
      credentials: {
        tenant: { label: 'Tenant', type: 'text' },
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        code: { label: 'Authentication code', type: 'text' },
      },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const headers = new Headers(Object.entries(req?.headers ?? {}).map(([k, v]): [string, string] => [k, String(v)]));
        const result = await signIn(
          { tenantSlug: parsed.data.tenant, email: parsed.data.email, password: parsed.data.password, code: parsed.data.code || undefined },
          requestMeta(headers),
        );
        // next-auth answers a thrown error with its message as `error`: the form then asks for the code.
        if (!result.ok && result.reason === 'mfa_required') throw new Error(MFA_REQUIRED);
        if (!result.ok) return null;
        return { id: result.userId, sid: result.sessionId, tid: result.tenantId, slug: result.tenantSlug };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; sid: string; tid: string; slug: string };
        return { sub: u.id, sid: u.sid, tid: u.tid, slug: u.slug };
      }
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, user: { tenantSlug: String(token.slug ?? '') } } as unknown as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string' && typeof token.sub === 'string' && typeof token.tid === 'string') {
        await endSession(
          { sessionId: token.sid, userId: token.sub, tenantId: token.tid },
          { requestId: crypto.randomUUID(), ip: null, userAgent: null },
        );
      }
    },
  },
};
