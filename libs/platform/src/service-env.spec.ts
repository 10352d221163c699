import { ConfigError, loadConfig } from './config.util';
import { ServiceEnv } from './service-env';

class ProbeEnv extends ServiceEnv {
  override HEALTH_PORT = 3199;
}

describe('ServiceEnv', () => {
  it('gives every service the shared variables with their defaults, and the subclass its own port', () => {
    const env = loadConfig(ProbeEnv, { DATABASE_URL: 'postgres://app@db/hearth' });
    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://app@db/hearth',
      NATS_URL: 'nats://127.0.0.1:4222',
      HEALTH_PORT: 3199,
      DATABASE_POOL_MAX: 10,
      LOG_LEVEL: 'info',
    });
  });

  it('checks the inherited variables too', () => {
    let error: unknown;
    try {
      loadConfig(ProbeEnv, { HEALTH_PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/HEALTH_PORT/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });
});
