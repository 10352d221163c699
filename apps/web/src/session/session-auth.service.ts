import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  isSecondFactorChallenge,
  type LoginResult,
  type SecondFactorProof,
  type TokenPair,
} from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi, type CallContext } from '../api/hearth-api';
import { WEB_OPTIONS, type WebOptions } from '../web.options';
import { session, toSessionAuth, viewerOf, type SessionAuth, type Viewer } from './web-session';

/**
 * Refresh a little before the access token expires, so a page's API calls never race its expiry: a quarter of
 * its lifetime, at most 10 s (60 s tokens refresh in their last 10 s; the 2 s tokens of tests in their last 0.5 s).
 */
const REFRESH_MARGIN_MS = 10_000;
const refreshMarginOf = (auth: SessionAuth) => Math.min(REFRESH_MARGIN_MS, (auth.lifetimeMs ?? 60_000) / 4);

export const callContext = (req: FastifyRequest, accessToken?: string): CallContext => ({
  accessToken,
  clientIp: req.ip,
  requestId: String(req.id),
});

/** How a sign-in went: signed in, or waiting for the second factor (the challenge is kept in the session). */
export type SignInOutcome = { viewer: Viewer } | { secondFactor: true };

interface Refresh {
  pending: Promise<SessionAuth>;
  settled: boolean;
}

/**
 * Signs people in and out and keeps their API tokens fresh. The gateway rotates refresh tokens and treats a
 * second use of one as theft (it revokes the whole family), so requests of one browser that all find the
 * access token due must share one refresh: the first starts it, those that arrive while it runs await its
 * result. Once it has answered, nobody else gets that new pair: a request still carrying the old cookie (a late
 * one of the same browser, or a copy of the cookie) keeps using the old access token while it lasts, and after
 * that its spent refresh token is refused, which ends the sign-in.
 */
@Injectable()
export class SessionAuthService {
  private readonly refreshing = new Map<string, Refresh>();

  constructor(
    private readonly api: HearthApi,
    @Inject(WEB_OPTIONS) private readonly options: WebOptions,
  ) {}

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The password step. With two-factor sign-in, the challenge waits in the session for the code. */
  async signIn(req: FastifyRequest, email: string, password: string, next?: string): Promise<SignInOutcome> {
    const result = await this.api.for(callContext(req)).login({ email, password });
    return this.signedIn(req, result, email, next);
  }

  /** What a first step answered (a password, an identity provider, linking one): a sign-in, or a code to ask. */
  async signedIn(
    req: FastifyRequest,
    result: LoginResult,
    email: string,
    next?: string,
  ): Promise<SignInOutcome> {
    if (isSecondFactorChallenge(result)) {
      const s = session(req);
      s.regenerate();
      s.set('pendingSignIn', {
        challenge: result.challenge,
        email,
        ...(next ? { next } : {}),
        expiresAt: this.now() + result.expiresIn * 1000,
      });
      return { secondFactor: true };
    }
    return { viewer: await this.start(req, result) };
  }

  /** The code step: the challenge from the session and a code or a recovery code. */
  async completeSecondFactor(
    req: FastifyRequest,
    proof: SecondFactorProof,
  ): Promise<{ viewer: Viewer; tokens: TokenPair }> {
    const pending = session(req).get('pendingSignIn');
    if (!pending)
      throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in again.', { reason: 'ChallengeExpired' });
    const tokens = await this.api
      .for(callContext(req))
      .secondFactor({ challenge: pending.challenge, ...proof });
    return { viewer: await this.start(req, tokens), tokens };
  }

  /** A new sign-in's tokens (after a password, a second factor, or setting up two-factor) in a new session. */
  async start(req: FastifyRequest, tokens: TokenPair): Promise<Viewer> {
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
    this.refreshing.delete(auth.refreshToken);
    // Revokes the refresh token's family at the gateway: a copy of the cookie is refused from the next request
    // on, since every page asks whether its sign-in still lasts.
    await this.api
      .for(callContext(req))
      .logout(auth.refreshToken)
      .catch(() => undefined);
  }

  /**
   * The signed-in person, with an access token that is good for this request; undefined when signed out. A
   * sign-in that has ended elsewhere (signed out, everywhere, a role taken away, the account disabled) ends here
   * at once: the API is asked on every page whether it still lasts, so a copied cookie stops working too.
   */
  async viewer(req: FastifyRequest): Promise<Viewer | undefined> {
    const auth = session(req).get('auth');
    if (!auth || typeof auth.refreshToken !== 'string') return undefined;
    try {
      if (auth.expiresAt - this.now() > refreshMarginOf(auth)) {
        await this.api.for(callContext(req, auth.accessToken)).signInSession();
        return viewerOf(auth);
      }
      const fresh = await this.refreshOnce(req, auth);
      if (fresh === auth) await this.api.for(callContext(req, auth.accessToken)).signInSession();
      else session(req).set('auth', fresh);
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

  /** The new pair, shared only with requests that arrive while the refresh runs (see the class comment). */
  private refreshOnce(req: FastifyRequest, auth: SessionAuth): Promise<SessionAuth> {
    const running = this.refreshing.get(auth.refreshToken);
    if (running && !running.settled) return running.pending;
    if (running && auth.expiresAt > this.now()) return Promise.resolve(auth);
    const entry: Refresh = {
      settled: false,
      pending: this.api
        .for(callContext(req))
        .refresh(auth.refreshToken)
        .then((tokens) => this.complete(req, tokens)),
    };
    this.refreshing.set(auth.refreshToken, entry);
    entry.pending.then(
      () => {
        entry.settled = true;
        // Remembered while the old access token lasts: until then a late request keeps using it.
        setTimeout(
          () => {
            if (this.refreshing.get(auth.refreshToken) === entry) this.refreshing.delete(auth.refreshToken);
          },
          Math.max(0, auth.expiresAt - this.now()) + 1000,
        ).unref();
      },
      () => {
        if (this.refreshing.get(auth.refreshToken) === entry) this.refreshing.delete(auth.refreshToken);
      },
    );
    return entry.pending;
  }

  /** Grants can change between sign-ins (a new invitation accepted), so /me is asked with every new token. */
  private async complete(req: FastifyRequest, tokens: TokenPair): Promise<SessionAuth> {
    const me = await this.api.for(callContext(req, tokens.accessToken)).me();
    return toSessionAuth(tokens, me, this.now());
  }
}
