import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CROSS_SERVICE_REQUESTS, NATS_SERVICES, NATS_USERS } from '@hearth/contracts';
import { natsAccountsConfig, natsPermissions } from './nats-permissions';
import { subjectMatches } from './subject.util';

const committed = readFileSync(join(__dirname, '../../../deploy/nats/accounts.conf'), 'utf8');
const permissions = natsPermissions();
const publishes = (user: (typeof NATS_USERS)[number], subject: string) =>
  permissions[user].publish.some((p) => subjectMatches(p, subject));

describe('NATS permissions generated from contracts', () => {
  it('are what deploy/nats/accounts.conf holds (run `npm run nats-config` after changing permissions.ts)', () => {
    expect(committed).toBe(natsAccountsConfig());
  });

  it.each(NATS_SERVICES)(
    'let only %s (and standalone, all of them in one) publish its domain events',
    (service) => {
      const event = `evt.${service}.something.happened`;
      const publishers = NATS_USERS.filter((u) => publishes(u, event));
      expect(publishers.sort()).toEqual([service, 'standalone'].sort());
    },
  );

  it('let each service answer only its own subjects, in its own queue group, and read only its own inbox', () => {
    for (const service of NATS_SERVICES) {
      const subscribe = permissions[service].subscribe;
      expect(subscribe).toContain(`${service}.> ${service}`);
      expect(subscribe).toContain(`_INBOX_${service}.>`);
      // Every subscription but its inbox is a queue subscription in its own group.
      for (const s of subscribe.filter((x) => !x.startsWith('_INBOX_')))
        expect(s.endsWith(` ${service}`)).toBe(true);
      expect(subscribe.some((s) => s.startsWith('_INBOX.') || s === '>')).toBe(false);
    }
  });

  it('give the gateway requests, its own inbox and the notices of LERO changes, and nothing to answer', () => {
    expect(permissions.gateway.subscribe).toEqual(['evt.tenants.tenant.>', '_INBOX_gateway.>']);
    expect(permissions.gateway.allowResponses).toBe(false);
    expect(publishes('gateway', 'tenants.auth.login')).toBe(true);
    expect(publishes('gateway', 'evt.tenants.tenant.updated')).toBe(false);
    expect(publishes('gateway', '$JS.API.STREAM.PURGE.HEARTH_EVENTS')).toBe(false);
  });

  it('let no service create, change, purge or delete streams and consumers', () => {
    for (const service of NATS_SERVICES) {
      for (const api of [
        'STREAM.PURGE',
        'STREAM.DELETE',
        'STREAM.UPDATE',
        'CONSUMER.CREATE',
        'CONSUMER.DELETE',
      ]) {
        expect(publishes(service, `$JS.API.${api}.HEARTH_EVENTS.x`)).toBe(false);
        expect(publishes(service, `$JS.API.${api}.HEARTH_EVENTS`)).toBe(false);
      }
    }
    expect(publishes('migrate', '$JS.API.STREAM.CREATE.HEARTH_EVENTS')).toBe(true);
  });

  it('let the operator read the stream back by sequence, and nothing else', () => {
    expect(publishes('operator', '$JS.API.STREAM.MSG.GET.HEARTH_EVENTS')).toBe(true);
    for (const api of [
      'STREAM.PURGE',
      'STREAM.DELETE',
      'STREAM.CREATE',
      'CONSUMER.CREATE',
      'CONSUMER.MSG.NEXT',
    ])
      expect(publishes('operator', `$JS.API.${api}.HEARTH_EVENTS`)).toBe(false);
    expect(publishes('operator', 'evt.membership.member.erased')).toBe(false);
    expect(permissions.operator.subscribe).toEqual(['_INBOX_operator.>']);
  });

  it('let a service call another only on the subjects listed for it', () => {
    expect(publishes('events', 'membership.member.names')).toBe(true);
    expect(publishes('events', 'membership.member.list')).toBe(false);
    expect(publishes('reporting', 'tenants.auth.login')).toBe(false);
    expect(CROSS_SERVICE_REQUESTS.gateway).not.toContain('membership.member.names');
  });
});
