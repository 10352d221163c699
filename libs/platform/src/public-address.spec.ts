import { IsOptional, IsString } from 'class-validator';
import { ConfigError, loadConfig } from './config.util';
import { AllowInsecureHttp, PublicUrl, isLoopbackHost, publicAddressWarnings } from './public-address';
import { TrustedProxies } from './trusted-proxies';

/** A server of pages, declared the way standalone and the web app declare theirs. */
class PagesEnv {
  @IsString()
  HOST: string = '127.0.0.1';

  @PublicUrl()
  PUBLIC_URL?: string;

  @AllowInsecureHttp()
  ALLOW_INSECURE_HTTP: boolean = false;

  @TrustedProxies()
  TRUST_PROXY: string[] = [];

  @IsOptional()
  @IsString()
  SMTP_URL?: string;
}

/** A service that only sends links (tenants' emails). */
class MailerEnv {
  @PublicUrl({ checkPlainHttp: false })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_URL?: string;
}

const problems = (env: Record<string, string>, schema: new () => object = PagesEnv) => {
  try {
    loadConfig(schema, env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
};

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]'])('%s is loopback', (host) =>
    expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['0.0.0.0', '::', '192.168.1.10', 'hearth.lan', '10.0.0.1', '127.0.0.1.example.org'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('PUBLIC_URL and ALLOW_INSECURE_HTTP', () => {
  it('need nothing on loopback, as on a fresh machine', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ HOST: 'localhost' })).toEqual([]);
    expect(problems({ PUBLIC_URL: 'http://127.0.0.1:3000' })).toEqual([]);
  });

  it('refuse a HOST other machines reach without PUBLIC_URL, naming the variable', () => {
    expect(problems({ HOST: '0.0.0.0' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is required when HOST \(0\.0\.0\.0\) is not a loopback address/),
    ]);
  });

  it('refuse TRUST_PROXY or SMTP_URL without PUBLIC_URL: links would name the wrong address', () => {
    expect(problems({ TRUST_PROXY: '127.0.0.1' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is required with TRUST_PROXY/),
    ]);
    expect(problems({ SMTP_URL: 'smtp://mail.example.org' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is required with SMTP_URL/),
    ]);
    expect(problems({ SMTP_URL: 'smtp://mail.example.org' }, MailerEnv)).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is required with SMTP_URL/),
    ]);
  });

  it('refuse plain HTTP for other machines unless the operator says so', () => {
    expect(problems({ HOST: '0.0.0.0', PUBLIC_URL: 'http://192.168.1.10:3000' })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: is plain http:\/\/.*ALLOW_INSECURE_HTTP=true/),
    ]);
    const lan = loadConfig(PagesEnv, {
      HOST: '0.0.0.0',
      PUBLIC_URL: 'http://192.168.1.10:3000',
      ALLOW_INSECURE_HTTP: 'true',
    });
    expect(lan).toMatchObject({ PUBLIC_URL: 'http://192.168.1.10:3000', ALLOW_INSECURE_HTTP: true });
    // A service that only sends links leaves that to the one that serves them.
    expect(problems({ PUBLIC_URL: 'http://192.168.1.10:3000' }, MailerEnv)).toEqual([]);
  });

  it('take https:// behind a proxy', () => {
    expect(
      loadConfig(PagesEnv, { PUBLIC_URL: ' https://hearth.example.org/ ', TRUST_PROXY: '127.0.0.1' }),
    ).toMatchObject({ PUBLIC_URL: 'https://hearth.example.org/', ALLOW_INSECURE_HTTP: false });
    expect(problems({ HOST: '0.0.0.0', PUBLIC_URL: 'https://hearth.example.org:8443' })).toEqual([]);
  });

  it.each([
    'hearth.example.org',
    'ftp://hearth.example.org',
    'https://hearth.example.org/hearth',
    'https://hearth.example.org/?a=1',
    'https://user:pass@hearth.example.org',
    'https://',
  ])('refuse %s: not an http(s) origin', (value) => {
    expect(problems({ PUBLIC_URL: value })).toEqual([
      expect.stringMatching(/^PUBLIC_URL: must be the http\(s\) address people open/),
    ]);
  });

  it('refuse ALLOW_INSECURE_HTTP without an http:// PUBLIC_URL, and anything but true or false', () => {
    expect(problems({ ALLOW_INSECURE_HTTP: 'true' })).toEqual([
      expect.stringMatching(/^ALLOW_INSECURE_HTTP: applies only to an http:\/\/ PUBLIC_URL/),
    ]);
    expect(problems({ ALLOW_INSECURE_HTTP: '1', PUBLIC_URL: 'https://hearth.example.org' })).toHaveLength(1);
    expect(problems({ ALLOW_INSECURE_HTTP: 'yes', PUBLIC_URL: 'https://hearth.example.org' })).toEqual([
      'ALLOW_INSECURE_HTTP: must be true or false',
    ]);
  });
});

describe('publicAddressWarnings', () => {
  it('warns of plain HTTP, and of https:// with no TRUST_PROXY (one rate limit for everyone)', () => {
    expect(publicAddressWarnings({})).toEqual([]);
    expect(
      publicAddressWarnings({ PUBLIC_URL: 'http://192.168.1.10:3000', ALLOW_INSECURE_HTTP: true }),
    ).toEqual([expect.stringContaining('over plain HTTP')]);
    expect(publicAddressWarnings({ PUBLIC_URL: 'https://hearth.example.org', TRUST_PROXY: [] })).toEqual([
      expect.stringContaining('TRUST_PROXY is empty'),
    ]);
    expect(
      publicAddressWarnings({ PUBLIC_URL: 'https://hearth.example.org', TRUST_PROXY: ['127.0.0.1'] }),
    ).toEqual([]);
  });
});
