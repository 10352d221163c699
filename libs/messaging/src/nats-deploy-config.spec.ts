import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const deploy = join(__dirname, '../../../deploy');
const natsConfigs = readdirSync(join(deploy, 'nats')).filter(
  (f) => f.endsWith('.conf') && f !== 'accounts.conf',
);
const read = (file: string) => readFileSync(join(deploy, 'nats', file), 'utf8');
/** The settings of a config, without its comments. */
const settings = (file: string) => read(file).replace(/#.*$/gm, '');

describe('the NATS configs Hearth ships (ADR 0016)', () => {
  it.each(natsConfigs.filter((f) => f !== 'ci.conf'))(
    '%s syncs every JetStream write before acknowledging it, with Hearth’s accounts',
    (file) => {
      expect(settings(file)).toMatch(/jetstream:\s*{[^}]*sync_interval:\s*always/);
      expect(settings(file)).toContain('include ./accounts.conf');
    },
  );

  it('ci.conf, for the nats-server 2.9 of CI machines, cannot carry sync_interval but has the same accounts', () => {
    expect(settings('ci.conf')).not.toContain('sync_interval');
    expect(settings('ci.conf')).toContain('include ./accounts.conf');
  });

  it('compose runs a pinned NATS of 2.10 or newer with a deployment config', () => {
    const compose = readFileSync(join(deploy, '..', 'docker-compose.yml'), 'utf8');
    const [, major, minor] = /image:\s*nats:(\d+)\.(\d+)\.\d+/.exec(compose) ?? [];
    expect(Number(major) * 100 + Number(minor)).toBeGreaterThanOrEqual(210);
    expect(compose).toMatch(/command: \['-c', '\/etc\/nats\/server-2\.10\.conf'\]/);
  });
});
