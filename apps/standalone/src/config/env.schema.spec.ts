import { ConfigError, loadConfig } from '@hearth/platform';
import { StandaloneEnv } from './env.schema';

/** What `npm start` prints and stops on (loadConfigOrExit prints the ConfigError's message). */
function refusal(env: Record<string, string>): string {
  try {
    loadConfig(StandaloneEnv, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('StandaloneEnv: LAN and HTTPS (ADR 0028)', () => {
  it('needs nothing on a fresh machine: loopback only', () => {
    expect(loadConfig(StandaloneEnv, {})).toMatchObject({
      HOST: '127.0.0.1',
      PUBLIC_URL: undefined,
      ALLOW_INSECURE_HTTP: false,
      TRUST_PROXY: [],
    });
  });

  it('refuses to listen beyond loopback without PUBLIC_URL', () => {
    expect(refusal({ HOST: '0.0.0.0' })).toMatch(
      /Configuration is not valid:\n {2}- PUBLIC_URL: is required when HOST \(0\.0\.0\.0\) is not a loopback address/,
    );
  });

  it('refuses silently-insecure plain HTTP, and takes it when the operator says so', () => {
    expect(refusal({ HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.10:3000' })).toMatch(
      /PUBLIC_URL: is plain http:\/\/.*set ALLOW_INSECURE_HTTP=true/,
    );
    expect(
      loadConfig(StandaloneEnv, {
        HOST: '0.0.0.0',
        PUBLIC_URL: 'http://192.168.1.10:3000',
        ALLOW_INSECURE_HTTP: 'true',
      }),
    ).toMatchObject({ HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.10:3000', ALLOW_INSECURE_HTTP: true });
  });

  it('takes a TLS proxy in front: https:// PUBLIC_URL and TRUST_PROXY', () => {
    expect(
      loadConfig(StandaloneEnv, { PUBLIC_URL: 'https://hearth.example.org', TRUST_PROXY: '127.0.0.1' }),
    ).toMatchObject({ PUBLIC_URL: 'https://hearth.example.org', TRUST_PROXY: ['127.0.0.1'] });
    expect(refusal({ TRUST_PROXY: '127.0.0.1' })).toMatch(/PUBLIC_URL: is required with TRUST_PROXY/);
    expect(refusal({ PUBLIC_URL: 'https://hearth.example.org', ALLOW_INSECURE_HTTP: 'true' })).toMatch(
      /ALLOW_INSECURE_HTTP: applies only to an http:\/\/ PUBLIC_URL/,
    );
  });

  it('refuses emailed links without PUBLIC_URL', () => {
    expect(refusal({ SMTP_URL: 'smtp://mail.example.org' })).toMatch(/PUBLIC_URL: is required with SMTP_URL/);
  });
});
