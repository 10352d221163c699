import { Authenticators, totpCodeFor } from './authenticators';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client for end-to-end tests: real HTTP against a listening Hearth. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  as(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  get = <T = Record<string, unknown>>(path: string) => this.request<T>('GET', path);
  post = <T = Record<string, unknown>>(path: string, body?: unknown) =>
    this.request<T>('POST', path, body ?? {});
  patch = <T = Record<string, unknown>>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
}

/** What a sign-in answers: tokens (maybe `mfaSetupRequired`), or a challenge for the second factor. */
export interface SignInAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  mfaSetupRequired?: true;
  mfaRequired?: true;
  challenge?: string;
  recoveryCodesLeft?: number;
}

export type TokenPairBody = Omit<SignInAnswer, 'mfaRequired' | 'challenge'>;

/**
 * Builders that walk the real onboarding flow through the API, so tests read as stories. Admins sign in through
 * the real second factor: the first time, they set up an authenticator app with the secret the API gives
 * (`authenticators` computes their codes with the same library an app uses); after that they give a code.
 */
export class Given {
  private n = 0;
  /** Sign-ins that passed a second factor, by email: `login` refreshes them rather than spend another code. */
  private readonly sessions = new Map<string, { password: string; refreshToken: string }>();

  constructor(
    private readonly api: ApiClient,
    private readonly admin: { email: string; password: string },
    readonly authenticators = new Authenticators(),
  ) {}

  private next = (what: string) => `${what}-${Date.now().toString(36)}-${++this.n}`;

  /**
   * A fresh access token of the person. Someone with two-factor sign-in is refreshed from their last sign-in
   * when it still lasts (a new token, with their grants as they are now), else signed in again with a code.
   */
  async login(email: string, password: string): Promise<string> {
    const key = email.trim().toLowerCase();
    const kept = this.sessions.get(key);
    if (kept && kept.password === password) {
      const res = await this.api.post<TokenPairBody>('/api/v1/auth/refresh', {
        refreshToken: kept.refreshToken,
      });
      if (res.status === 200 && !res.body.mfaSetupRequired) {
        kept.refreshToken = res.body.refreshToken;
        return res.body.accessToken;
      }
      this.sessions.delete(key);
    }
    return (await this.signIn(email, password)).accessToken;
  }

  /**
   * Signs in as the person would: the password, then a code when they have two-factor sign-in; an admin who has
   * not set it up does so (their first tokens carry no admin role). Returns the token pair that has their roles.
   */
  async signIn(email: string, password: string): Promise<TokenPairBody> {
    // The code first: when the person must wait for their app's next code, the challenge is not yet ticking.
    const code = this.authenticators.has(email) ? await this.authenticators.code(email) : undefined;
    const res = await this.api.post<SignInAnswer>('/api/v1/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    let pair: TokenPairBody = res.body.mfaRequired
      ? await this.secondFactor(email, res.body.challenge!, code)
      : res.body;
    if (pair.mfaSetupRequired) pair = await this.setUpTwoFactor(email, password, pair.accessToken);
    if (this.authenticators.has(email))
      this.sessions.set(email.trim().toLowerCase(), { password, refreshToken: pair.refreshToken });
    return pair;
  }

  /** The second step of a sign-in: the challenge and the next code of the person's authenticator. */
  async secondFactor(email: string, challenge: string, code?: string): Promise<TokenPairBody> {
    const res = await this.api.post<TokenPairBody>('/api/v1/auth/login/second-factor', {
      challenge,
      code: code ?? (await this.authenticators.code(email)),
    });
    if (res.status !== 200)
      throw new Error(`second factor of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Sets up an authenticator app for the signed-in person: the secret the API gives, and its first code. */
  async setUpTwoFactor(email: string, password: string, accessToken: string): Promise<TokenPairBody> {
    const api = this.api.as(accessToken);
    const setup = await api.post<{ secret: string }>('/api/v1/auth/two-factor/totp');
    if (setup.status !== 201)
      throw new Error(`two-factor set-up of ${email} failed: ${setup.status} ${JSON.stringify(setup.body)}`);
    const step = Authenticators.currentStep();
    const confirmed = await api.post<{ recoveryCodes: string[]; tokens: TokenPairBody }>(
      '/api/v1/auth/two-factor/totp/confirm',
      { code: totpCodeFor(setup.body.secret, step), currentPassword: password },
    );
    if (confirmed.status !== 200)
      throw new Error(
        `confirming ${email}'s app failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`,
      );
    this.authenticators.remember(email, setup.body.secret, step, confirmed.body.recoveryCodes);
    return confirmed.body.tokens;
  }

  platformAdmin = () => this.login(this.admin.email, this.admin.password);

  async region(adminToken?: string): Promise<{ id: string; slug: string }> {
    const token = adminToken ?? (await this.platformAdmin());
    const slug = this.next('region');
    const res = await this.api
      .as(token)
      .post<{ id: string; slug: string }>('/api/v1/regions', { name: `Region ${slug}`, slug });
    if (res.status !== 201) throw new Error(`region failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async acceptInvitation(
    token: string,
    email: string,
    password = 'correct horse battery staple',
  ): Promise<string> {
    const res = await this.api.post('/api/v1/invitations/accept', {
      token,
      password,
      displayName: email.split('@')[0],
    });
    if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this.login(email, password);
  }

  /** An onboarded, active LERO with its first admin signed in. */
  async lero(
    regionId: string,
    byToken?: string,
  ): Promise<{ id: string; slug: string; adminEmail: string; adminToken: string }> {
    const token = byToken ?? (await this.platformAdmin());
    const slug = this.next('lero');
    const adminEmail = `${slug}@example.org`;
    const res = await this.api
      .as(token)
      .post<{ id: string; slug: string; invitation: { token: string } }>('/api/v1/tenants', {
        regionId,
        name: `LERO ${slug}`,
        slug,
        adminEmail,
      });
    if (res.status !== 201) throw new Error(`tenant failed: ${res.status} ${JSON.stringify(res.body)}`);
    const adminToken = await this.acceptInvitation(res.body.invitation.token, adminEmail);
    return { id: res.body.id, slug, adminEmail, adminToken };
  }

  /** A person invited into a LERO with a role (with `memberId`, their account linked to that member record), signed in. */
  async tenantUser(
    tenantId: string,
    role: string,
    inviterToken: string,
    memberId?: string,
  ): Promise<{ email: string; token: string }> {
    const email = `${this.next(role)}@example.org`;
    const res = await this.api
      .as(inviterToken)
      .post<{ token: string }>(`/api/v1/tenants/${tenantId}/invitations`, { email, role, memberId });
    if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { email, token: await this.acceptInvitation(res.body.token, email) };
  }
}
