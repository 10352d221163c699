import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A person the test provider can sign in: their subject, and the email claims it asserts for them. */
export interface TestIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the provider signs in at the next authorisation (its "login page" answers at once as them). */
  signInAs(identity: TestIdentity): void;
  /** Seconds the next ID tokens live (default an hour): a second makes one that has lapsed by the time it is used. */
  idTokenTtl(seconds: number): void;
  /** How many times the discovery document has been fetched. */
  discoveries(): number;
  /**
   * Walks a browser through the provider from the authorisation address to the redirect back to Hearth, and
   * answers that redirect's query (`code`, `state`, `iss`): what the web app's callback page would get.
   */
  authorise(authorizationUrl: string): Promise<URLSearchParams>;
  stop(): Promise<void>;
}

type Stored = { payload: Record<string, unknown>; expiresAt: number };

/**
 * oidc-provider's storage, in memory for one test provider: the adapter interface of its documentation (one instance
 * per model name). Given explicitly so oidc-provider does not warn on the console about its development adapter.
 */
function memoryAdapter() {
  const store = new Map<string, Stored>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry && entry.expiresAt <= Date.now()) store.delete(key);
    return store.get(key)?.payload;
  };
  return class MemoryAdapter {
    constructor(private readonly name: string) {}
    private key = (id: string) => `${this.name}:${id}`;
    upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : Infinity;
      store.set(this.key(id), { payload, expiresAt });
      return Promise.resolve();
    }
    find(id: string) {
      return Promise.resolve(live(this.key(id)));
    }
    findByUid(uid: string) {
      const found = [...store.keys()].find((k) => k.startsWith(`${this.name}:`) && live(k)?.uid === uid);
      return Promise.resolve(found ? live(found) : undefined);
    }
    findByUserCode(userCode: string) {
      const found = [...store.keys()].find(
        (k) => k.startsWith(`${this.name}:`) && live(k)?.userCode === userCode,
      );
      return Promise.resolve(found ? live(found) : undefined);
    }
    consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      return Promise.resolve();
    }
    destroy(id: string): Promise<void> {
      store.delete(this.key(id));
      return Promise.resolve();
    }
    revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
      return Promise.resolve();
    }
  };
}

/**
 * A real OpenID provider (`oidc-provider`, the certified Node implementation) on a spare loopback port, with one
 * confidential client that must use PKCE, whose interactions (login, consent) finish at once for the identity
 * the test chose. Email claims go into the ID token, as the big providers put them.
 */
export async function startTestOidcProvider(redirectUri: string): Promise<TestOidcProvider> {
  const { default: Provider } = await import('oidc-provider');
  const clientId = 'hearth';
  const clientSecret = 'a-test-client-secret-of-some-length';
  let current: TestIdentity = { sub: 'nobody', email: 'nobody@example.org', emailVerified: false };
  const people = new Map<string, TestIdentity>();
  let idTokenTtl = 3600;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...jwk, kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['test-cookie-key-test-cookie-key'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    adapter: memoryAdapter(),
    // Lifetimes of our own (the defaults work, but oidc-provider says so on the console when it uses them).
    ttl: {
      IdToken: () => idTokenTtl,
      AccessToken: () => 3600,
      Interaction: () => 3600,
      Session: () => 3600,
      Grant: () => 3600,
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const person = people.get(sub);
      return person
        ? {
            accountId: sub,
            claims: () => ({ sub, email: person.email, email_verified: person.emailVerified }),
          }
        : undefined;
    },
  });
  const handle = provider.callback();
  let discoveries = 0;
  server.on('request', (req, res) => {
    if (req.url === '/.well-known/openid-configuration') discoveries++;
    if (!req.url?.startsWith('/interaction/')) return void handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        people.set(current.sub, current);
        await provider.interactionFinished(req, res, { login: { accountId: current.sub } });
        return;
      }
      const grant = new provider.Grant({
        accountId: details.session!.accountId,
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  const authorise = async (authorizationUrl: string): Promise<URLSearchParams> => {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(redirectUri)) return new URL(url).searchParams;
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair.indexOf('=');
        jar.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
      url = new URL(location, url).toString();
    }
    throw new Error('the provider redirected too often');
  };

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (identity) => {
      current = identity;
      people.set(identity.sub, identity);
    },
    idTokenTtl: (seconds) => {
      idTokenTtl = seconds;
    },
    discoveries: () => discoveries,
    authorise,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
