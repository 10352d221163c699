import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENTS_STREAM, MembershipEvents, type DomainEvent } from '@hearth/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { JetStreamPublisher } from '@hearth/messaging';
import { eventually } from '@hearth/testing';
import { runDeadLetters } from '../../migrate/src';
import { startDistributedHearth, type DistributedHearth } from './hearth.harness';
import { erasedMemberKey } from '../../events/src';
import {
  expressions,
  exposedFamilies,
  loadDashboard,
  loadRules,
  metricNames,
  type RuleFile,
} from '../../../tools/observability/observability.util';

/** The value of the first sample of `name` whose labels include `labels` in a Prometheus text exposition. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/**
 * Dead letters in a distributed Hearth: an event that fails validation is dead-lettered by each consumer (its
 * id, subject and stream sequence, never its payload), shows in readiness and /metrics, and an operator lists,
 * replays and discards it with `npm run dead-letters` (as the owner or a service's role, and NATS's operator).
 * Then the rest of /metrics: requests per route and subject, redeliveries, pools, and every metric that
 * deploy/observability's alert rules and dashboard read.
 */
describe('dead letters, the operator’s command, and metrics', () => {
  let h: DistributedHearth;
  let owner: Client;
  let env: NodeJS.ProcessEnv;
  const printed: string[] = [];

  const run = async (...argv: string[]) => {
    printed.length = 0;
    const code = await runDeadLetters(argv, env, { out: (line) => printed.push(line), pollMs: 100 });
    return { code, output: printed.join('\n') };
  };
  const get = async (app: NestFastifyApplication, url: string) => {
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.body };
  };
  const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await owner.query(sql, params)).rows as T[];

  /** Publishes as the membership service would (its own NATS user): here with a bug in the payload. */
  async function publishAsMembership(
    data: unknown,
    tenantId: string | null = uuidv7(),
  ): Promise<DomainEvent> {
    const event: DomainEvent = {
      id: uuidv7(),
      subject: MembershipEvents.memberErased,
      occurredAt: new Date().toISOString(),
      tenantId,
      data,
    };
    const nc = await h.nats.connect('membership');
    try {
      await new JetStreamPublisher(nc).publish(event);
    } finally {
      await nc.close();
    }
    return event;
  }

  beforeAll(async () => {
    h = await startDistributedHearth();
    owner = new Client({ connectionString: h.db.ownerUrl });
    await owner.connect();
    env = {
      MIGRATION_DATABASE_URL: h.db.ownerUrl,
      NATS_URL: h.nats.url,
      NATS_PASSWORD: h.nats.credentials('operator').password,
    };
  });

  afterAll(async () => {
    await owner?.end();
    await h?.close();
  });

  it('dead-letters an event that fails validation in every consumer, without its payload, and counts it', async () => {
    const bad = await publishAsMembership({ tenantId: 'not a LERO', name: 'Jane Canary' });
    const dead = await eventually(async () => {
      const found = await rows<{ consumer: string; stream_seq: string; subject: string }>(
        `
        select consumer, stream_seq, subject from tenants.dead_letter where event_id = $1
        union all select consumer, stream_seq, subject from events.dead_letter where event_id = $1
        union all select consumer, stream_seq, subject from reporting.dead_letter where event_id = $1
        union all select consumer, stream_seq, subject from volunteering.dead_letter where event_id = $1
        union all select consumer, stream_seq, subject from advocacy.dead_letter where event_id = $1
        order by consumer`,
        [bad.id],
      );
      expect(found).toHaveLength(5);
      return found;
    });
    expect(dead.map((d) => d.consumer)).toEqual([
      'advocacy-members',
      'events-members',
      'reporting-membership',
      'tenants-member-erasure',
      'volunteering-members',
    ]);
    expect(new Set(dead.map((d) => d.stream_seq)).size).toBe(1);
    expect(JSON.stringify(await rows('select * from events.dead_letter'))).not.toContain('Jane Canary');

    const ready = await get(h.events, '/health/ready');
    expect(JSON.parse(ready.body).details['events-db']).toMatchObject({ status: 'up', deadLetters: 1 });
    const metrics = await get(h.events, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('hearth_dead_letters{service="events",consumer="events-members"} 1');
    expect(metrics.body).toMatch(/hearth_outbox_backlog\{service="events"\} \d/);
    expect(metrics.body).toMatch(/hearth_event_consumer_lag\{consumer="events-members"\} \d/);
    expect(metrics.body).toContain('hearth_event_consumer_up{consumer="events-members"} 1');
  });

  it('lists dead letters: every service’s as the owner, one service’s as its own role', async () => {
    const all = await run('list');
    expect(all.code).toBe(0);
    expect(all.output).toContain('5 dead letter(s).');
    expect(all.output).toContain('events/events-members');

    const json = await run('list', '--json', '--consumer', 'reporting-membership');
    const [letter] = json.output.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(letter).toMatchObject({ service: 'reporting', consumer: 'reporting-membership', attempts: 1 });
    expect(letter).not.toHaveProperty('payload');

    const asEvents = await runDeadLetters(
      ['list'],
      { EVENTS_DATABASE_URL: h.db.urlFor('events') },
      {
        out: (line) => printed.push(line),
      },
    );
    expect(asEvents).toBe(0);
    expect(printed.join('\n')).toContain('1 dead letter(s).');
    expect(printed.join('\n')).toContain(
      'not reachable with the given database URLs: tenants, membership, reporting',
    );
  });

  it('replays a dead letter from the stream: one that fails again stays, with its attempts counted', async () => {
    const [letter] = await rows<{ id: string }>('select id from events.dead_letter');
    const replayed = await run('replay', letter.id, '--wait', '20');
    expect(replayed.code).toBe(1);
    expect(replayed.output).toContain('failed again and stays');
    expect(await rows('select attempts, replay from events.dead_letter where id = $1', [letter.id])).toEqual([
      { attempts: 2, replay: null },
    ]);
  });

  it('replays a dead letter the consumer can now handle: handled, and the dead letter is gone', async () => {
    // A valid erasure the events consumer failed on before a fix (its inbox row removed, a dead letter written).
    const memberId = uuidv7();
    const tenantId = uuidv7();
    const good = await publishAsMembership(
      { tenantId, memberId, occurredAt: new Date().toISOString(), communityRoles: [] },
      tenantId,
    );
    // Handled: the erasure leaves its tombstone (no id, a one-way key of it).
    const tombstone = () =>
      rows('select 1 from events.erased_members where member_key = $1', [
        erasedMemberKey(tenantId, memberId),
      ]);
    await eventually(async () => expect(await tombstone()).toHaveLength(1));
    await owner.query(`delete from events.erased_members where member_key = $1`, [
      erasedMemberKey(tenantId, memberId),
    ]);
    await owner.query(`delete from events.inbox where event_id = $1`, [good.id]);
    const deadId = uuidv7();
    const admin = await h.nats.connect('migrate');
    const stored = await (
      await jetstreamManager(admin)
    ).streams.getMessage(EVENTS_STREAM, {
      last_by_subj: good.subject,
    });
    await admin.close();
    expect(stored?.json<DomainEvent>().id).toBe(good.id);
    const streamSeq = stored!.seq;
    await owner.query(
      `insert into events.dead_letter (id, consumer, event_id, subject, stream_seq, error, attempts)
        values ($1, 'events-members', $2, $3, $4, 'a bug since fixed', 1)`,
      [deadId, good.id, good.subject, streamSeq],
    );

    const replayed = await run('replay', deadId, '--wait', '20');
    expect(replayed.output).toContain(`Replayed ${deadId}`);
    expect(replayed.code).toBe(0);
    expect(await rows('select 1 from events.dead_letter where id = $1', [deadId])).toEqual([]);
    expect(await tombstone()).toHaveLength(1);
  });

  it('discards dead letters, one or all of a consumer, and says so for an id it does not know', async () => {
    const [letter] = await rows<{ id: string }>('select id from tenants.dead_letter');
    expect((await run('discard', letter.id)).output).toContain('Discarded 1 dead letter(s).');
    expect((await run('discard', '--all', '--consumer', 'reporting-membership')).output).toContain(
      'Discarded 1 dead letter(s).',
    );
    const unknown = await run('discard', uuidv7());
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('No dead letter');
    // Left: the events consumer's (failed again when replayed), the volunteering and the advocacy consumers'.
    expect(await run('list')).toMatchObject({
      code: 0,
      output: expect.stringContaining('3 dead letter(s).'),
    });
    expect((await run('nonsense')).code).toBe(2);
  });

  it('counts HTTP requests per route template and status class, and a request per subject where it is asked and answered', async () => {
    const admin = await h.given.platformAdmin();
    const scrape = async () => ({
      gateway: (await get(h.gateway, '/metrics')).body,
      tenants: (await get(h.tenants, '/metrics')).body,
    });
    const route = { route: '/api/v1/tenants/:tenantId', method: 'GET', status_class: '4xx' };
    const subject = { subject: 'tenants.tenant.get', code: 'NOT_FOUND' };
    const before = await scrape();

    const missing = uuidv7();
    expect((await h.api.as(admin).get(`/api/v1/tenants/${missing}`)).status).toBe(404);
    expect((await h.api.as(admin).get('/api/v1/me')).status).toBe(200);
    expect((await h.api.get(`/api/v1/no-such-thing/${missing}`)).status).toBe(404);

    const after = await scrape();
    const moved = (text: 'gateway' | 'tenants', name: string, labels: Record<string, string>) =>
      (sample(after[text], name, labels) ?? 0) - (sample(before[text], name, labels) ?? 0);
    expect(moved('gateway', 'hearth_http_requests_total', route)).toBe(1);
    expect(moved('gateway', 'hearth_http_request_duration_seconds_count', route)).toBe(1);
    expect(
      sample(after.gateway, 'hearth_http_requests_total', { route: '/api/v1/me', status_class: '2xx' }),
    ).toBeGreaterThan(0);
    // An address no route took is one label value, whatever it was.
    expect(
      moved('gateway', 'hearth_http_requests_total', {
        route: 'unmatched',
        method: 'GET',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(after.gateway).not.toContain(missing);
    // The gateway asked tenants.tenant.get and heard NOT_FOUND; the tenants service answered it so.
    expect(moved('gateway', 'hearth_nats_requests_total', subject)).toBe(1);
    expect(
      moved('gateway', 'hearth_nats_request_duration_seconds_count', { subject: subject.subject }),
    ).toBeGreaterThanOrEqual(1);
    expect(moved('tenants', 'hearth_nats_handled_total', subject)).toBe(1);
    expect(
      moved('tenants', 'hearth_nats_handler_duration_seconds_count', { subject: subject.subject }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(after.tenants, 'hearth_nats_handled_total', { code: 'OK' })).toBeGreaterThan(0);
    // Its database pools: connections open, and the most it may open.
    expect(
      sample(after.tenants, 'hearth_database_pool_connections', { service: 'tenants', pool: 'orm' }),
    ).toBeGreaterThan(0);
    // Queries waiting for a connection: a number (the scrape's own queries may be waiting as it is read).
    expect(
      sample(after.tenants, 'hearth_database_pool_waiting', { service: 'tenants', pool: 'orm' }),
    ).toBeGreaterThanOrEqual(0);
    expect(
      sample(after.tenants, 'hearth_database_pool_max_connections', { service: 'tenants', pool: 'orm' }),
    ).toBeGreaterThan(0);
  });

  it('counts a consumer’s redeliveries: an event whose handler fails is delivered again, then handled', async () => {
    const labels = { consumer: 'events-members' };
    const scrape = async () => (await get(h.events, '/metrics')).body;
    const before = await scrape();
    const memberId = uuidv7();
    const tenantId = uuidv7();
    // The handler's table away for a while: its transaction fails, the event is retried (not dead-lettered).
    await owner.query('alter table events.erased_members rename to erased_members_away');
    try {
      await publishAsMembership(
        { tenantId, memberId, occurredAt: new Date().toISOString(), communityRoles: [] },
        tenantId,
      );
      await eventually(
        async () => {
          const now = await scrape();
          expect(sample(now, 'hearth_event_redeliveries_total', labels)).toBeGreaterThan(
            sample(before, 'hearth_event_redeliveries_total', labels)!,
          );
        },
        { timeoutMs: 20_000 },
      );
    } finally {
      await owner.query('alter table events.erased_members_away rename to erased_members');
    }
    await eventually(
      async () =>
        expect(
          await rows('select 1 from events.erased_members where member_key = $1', [
            erasedMemberKey(tenantId, memberId),
          ]),
        ).toHaveLength(1),
      { timeoutMs: 20_000 },
    );
    const after = await scrape();
    const moved = (outcome: string) =>
      sample(after, 'hearth_event_deliveries_total', { ...labels, outcome })! -
      sample(before, 'hearth_event_deliveries_total', { ...labels, outcome })!;
    expect(moved('retry')).toBeGreaterThanOrEqual(1);
    expect(moved('handled')).toBe(1);
    expect(sample(after, 'hearth_dead_letters', { consumer: 'events-members' })).toBe(1);
  });

  it('serves every metric deploy/observability’s alert rules and dashboard read', async () => {
    const apps = [
      h.gateway,
      h.tenants,
      h.membership,
      h.events,
      h.reporting,
      h.directory,
      h.volunteering,
      h.advocacy,
      h.webhooks,
    ];
    const exposed = new Set<string>();
    for (const app of apps)
      for (const name of exposedFamilies((await get(app, '/metrics')).body).keys()) exposed.add(name);
    const missing = expressions(loadRules() as RuleFile, loadDashboard()).flatMap(({ where, expr }) =>
      metricNames(expr, exposed)
        .filter((name) => !exposed.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(missing).toEqual([]);
    expect(exposed).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(exposed).toContain('hearth_nats_request_timeouts_total');
  });
});
