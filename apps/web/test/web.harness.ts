import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@hearth/platform';
import { ApiClient, FAST_PASSWORD_HASHING, Given, testRun } from '@hearth/testing';
import {
  type RunningHearth,
  StandaloneEnv,
  seedEmbeddedCluster,
  startStandalone,
} from '../../standalone/src';
import { createWebApp } from '../src/web.app';

export interface WebHarness {
  hearth: RunningHearth;
  web: NestFastifyApplication;
  /** Where the web app listens. */
  webUrl: string;
  /** The platform admin standalone printed on its first start. */
  admin: { email: string; password: string };
  /** Moves the web app's clock (access tokens expire as far as it can tell). */
  clock: { offsetMs: number };
  /** Moves the volunteering service's clock of hours (a shift has ended; what today is), as the e2e harness does. */
  volunteeringClock: { offsetMs: number };
  /**
   * Builders through standalone's API; their authenticators hold the TOTP secrets of everyone who set up
   * two-factor sign-in in this file, through the API or the pages, so both can give codes for them.
   */
  given: Given;
  close(): Promise<void>;
}

/**
 * A real Hearth: standalone on an embedded PostgreSQL in a temporary directory (as `npm start` runs it), and
 * the web app as its own Nest application pointed at standalone's API, as its container would be.
 */
export async function startWebHarness(
  options: {
    authRateLimit?: number;
    importAllowLoopback?: boolean;
    /** Responses an hour per address through consultations' public links (ADR 0067). */
    publicResponseRateLimit?: number;
    /**
     * Each test client's own address, as deployed behind a proxy (ADR 0074): the web app believes a client's
     * `X-Forwarded-For` from this machine, and standalone's gateway believes the web app's (`TRUST_PROXY`).
     */
    clientAddresses?: boolean;
    /**
     * Single sign-on against a provider on this machine (ADR 0080): the redirect address is
     * `http://127.0.0.1/sign-in/sso/callback`, where the test's browser stops and opens the web app's own.
     */
    sso?: boolean;
  } = {},
): Promise<WebHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-web-'));
  await seedEmbeddedCluster(dataDir, testRun());
  const env = loadConfig(StandaloneEnv, {
    HEARTH_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'error',
    // Files whose people sign in more than ten times a minute (all from 127.0.0.1) raise the limit.
    ...(options.authRateLimit ? { AUTH_RATE_LIMIT: String(options.authRateLimit) } : {}),
    ...(options.publicResponseRateLimit
      ? { PUBLIC_RESPONSE_RATE_LIMIT: String(options.publicResponseRateLimit) }
      : {}),
    ...(options.clientAddresses ? { TRUST_PROXY: '127.0.0.1', PUBLIC_URL: 'http://127.0.0.1' } : {}),
    ...(options.sso ? { PUBLIC_URL: 'http://127.0.0.1' } : {}),
  });
  const volunteeringClock = { offsetMs: 0 };
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return write(chunk);
  });
  let hearth: RunningHearth;
  try {
    // A file that imports feeds it serves on this machine lets the directory fetch loopback (ADR 0041).
    hearth = await startStandalone(
      env,
      () => undefined,
      {},
      {
        importAllowLoopback: options.importAllowLoopback,
        ssoAllowLoopbackIssuers: options.sso,
        // Real proofs of work, lighter than the default 18 bits (seconds each) so the suites solving them stay quick.
        advocacyProofOfWorkBits: 10,
        passwordHashCost: FAST_PASSWORD_HASHING,
        volunteeringNow: () => new Date(Date.now() + volunteeringClock.offsetMs),
      },
    );
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  } finally {
    spy.mockRestore();
  }
  const credentials = printed.join('').match(/email:\s+(\S+)\s+password:\s+(\S+)/);
  if (!credentials) throw new Error('standalone did not print the platform admin credentials');
  const clock = { offsetMs: 0 };
  const web = await createWebApp(
    {
      apiUrl: hearth.url,
      sessionKey: randomBytes(32),
      allowInsecureLoopbackCookies: true,
      now: () => Date.now() + clock.offsetMs,
    },
    { logLevel: 'error', ...(options.clientAddresses ? { trustProxy: ['127.0.0.1'] } : {}) },
  );
  await web.listen(0, '127.0.0.1');
  const address = web.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    hearth,
    web,
    webUrl: `http://127.0.0.1:${port}`,
    admin: { email: credentials[1], password: credentials[2] },
    clock,
    volunteeringClock,
    given: new Given(new ApiClient(hearth.url), { email: credentials[1], password: credentials[2] }),
    async close() {
      await web.close();
      await hearth.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}-erasures.ledger`, { force: true }); // made beside it by the first erasure
    },
  };
}
