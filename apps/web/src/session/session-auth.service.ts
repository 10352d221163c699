import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { TokenPair } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi, type CallContext } from '../api/hearth-api';
import { WEB_OPTIONS, type WebOptions } from '../web.options';
import { session, toSessionAuth, viewerOf, type SessionAuth, type Viewer } from './web-session';

/** Refresh a little before the access token expires, so a page's API calls never race its expiry. */
const REFRESH_MARGIN_MS = 30_000;
/** How long a refresh's result is kept for other requests that present the same (now spent) refresh token. */
const SHARED_REFRESH_MS = 60_000;

export const callContext = (req: FastifyRequest, accessToken?: string): CallContext => ({
  accessToken,
  clientIp: req.ip,
  requestId: String(req.id),
});

/**
 * Signs people in and out and keeps their API tokens fresh. The gateway rotates refresh tokens and treats a
 * second use of one as theft (it revokes the whole family), so concurrent requests of one browser that all
 * find the access token expired must share one refresh: the first starts it, the others await its result.
 */
@Injectable()
export class SessionAuthService {
  private readonly refreshing = new Map<string, { pending: Promise<SessionAuth>; result?: SessionAuth }>();

  constructor(
    private readonly api: HearthApi,
    @Inject(WEB_OPTIONS) private readonly options: WebOptions,
  ) {}

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async signIn(req: FastifyRequest, email: string, password: string): Promise<Viewer> {
    const calls = this.api.for(callContext(req));
    const tokens = await calls.login({ email, password });
    const auth = await this.complete(req, tokens);
    const s = session(req);
    s.regenerate();
    s.set('auth', auth);
    return viewerOf(auth);
  }

  async signOut(req: FastifyRequest): Promise<void> {
    const auth = session(req).get('auth');
    // A new, empty session rather than a deleted cookie, so the sign-in page can still say "signed out".
    session(req).regenerate();
    if (!auth) return;
    // A copy of the cookie from before a recent refresh must not be handed that refresh's tokens any more.
    for (const [token, entry] of this.refreshing) {
      if (token === auth.refreshToken || entry.result?.refreshToken === auth.refreshToken)
        this.refreshing.delete(token);
    }
    // Revokes the refresh token's family at the gateway; the access token lapses within 15 minutes.
    await this.api
      .for(callContext(req))
      .logout(auth.refreshToken)
      .catch(() => undefined);
  }

  /** The signed-in person, with an access token that is good for this request; undefined when signed out. */
  async viewer(req: FastifyRequest): Promise<Viewer | undefined> {
    const auth = session(req).get('auth');
    if (!auth || typeof auth.refreshToken !== 'string') return undefined;
    if (auth.expiresAt - this.now() > REFRESH_MARGIN_MS) return viewerOf(auth);
    try {
      const fresh = await this.refreshOnce(req, auth.refreshToken);
      session(req).set('auth', fresh);
      return viewerOf(fresh);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        session(req).set('auth', undefined);
        return undefined;
      }
      throw err;
    }
  }

  /** The gateway said 401 to a call made with this session's token: the session is over. */
  forget(req: FastifyRequest): void {
    session(req).set('auth', undefined);
  }

  private refreshOnce(req: FastifyRequest, refreshToken: string): Promise<SessionAuth> {
    const shared = this.refreshing.get(refreshToken);
    if (shared) return shared.pending;
    const entry: { pending: Promise<SessionAuth>; result?: SessionAuth } = {
      pending: this.api
        .for(callContext(req))
        .refresh(refreshToken)
        .then((tokens) => this.complete(req, tokens))
        .then((result) => (entry.result = result)),
    };
    this.refreshing.set(refreshToken, entry);
    const forget = () =>
      setTimeout(() => {
        if (this.refreshing.get(refreshToken) === entry) this.refreshing.delete(refreshToken);
      }, SHARED_REFRESH_MS).unref();
    entry.pending.then(forget, forget);
    return entry.pending;
  }

  /** Grants can change between sign-ins (a new invitation accepted), so /me is asked with every new token. */
  private async complete(req: FastifyRequest, tokens: TokenPair): Promise<SessionAuth> {
    const me = await this.api.for(callContext(req, tokens.accessToken)).me();
    return toSessionAuth(tokens, me, this.now());
  }
}
