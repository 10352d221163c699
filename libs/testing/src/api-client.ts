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

/** Builders that walk the real onboarding flow through the API, so tests read as stories. */
export class Given {
  private n = 0;

  constructor(
    private readonly api: ApiClient,
    private readonly admin: { email: string; password: string },
  ) {}

  private next = (what: string) => `${what}-${Date.now().toString(36)}-${++this.n}`;

  async login(email: string, password: string): Promise<string> {
    const res = await this.api.post<{ accessToken: string }>('/api/v1/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
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

  /** A person invited into a LERO with a role, signed in. */
  async tenantUser(
    tenantId: string,
    role: string,
    inviterToken: string,
  ): Promise<{ email: string; token: string }> {
    const email = `${this.next(role)}@example.org`;
    const res = await this.api
      .as(inviterToken)
      .post<{ token: string }>(`/api/v1/tenants/${tenantId}/invitations`, { email, role });
    if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { email, token: await this.acceptInvitation(res.body.token, email) };
  }
}
