import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { MembershipEvents } from '@hearth/contracts';
import { loadConfig } from '@hearth/platform';
import { eventually, testRun } from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { runningEmbeddedPostgres } from '../src/embedded-database';
import { seedEmbeddedCluster } from '../src/embedded-seed';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { runDeadLetters } from '../../migrate/src';
import { erasedMemberKey } from '../../events/src';

/**
 * `npm run dead-letters` in standalone mode: no database URL, no NATS; the embedded database in HEARTH_DATA_DIR,
 * while Hearth runs and when it does not. A replay rereads the event from the outbox of the service that
 * published it (there is no stream), and the running process handles it.
 */
describe('dead letters in standalone mode', () => {
  let dataDir: string;
  let hearth: RunningHearth | undefined;
  let owner: Client | undefined;
  const printed: string[] = [];
  const run = async (...argv: string[]) => {
    printed.length = 0;
    const code = await runDeadLetters(
      argv,
      { HEARTH_DATA_DIR: dataDir },
      { out: (l) => printed.push(l), pollMs: 100 },
    );
    return { code, output: printed.join('\n') };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-dead-letters-'));
    await seedEmbeddedCluster(dataDir, testRun());
    hearth = await startStandalone(
      loadConfig(StandaloneEnv, { HEARTH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }),
      () => undefined,
    );
    const url = await runningEmbeddedPostgres(dataDir);
    expect(url).toBeDefined();
    owner = new Client({ connectionString: url });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    await hearth?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists, replays and discards the dead letters of an event that failed validation', async () => {
    const db = owner!;
    // A bug in the membership service wrote an erasure without a member into its outbox.
    const eventId = uuidv7();
    const tenantId = uuidv7();
    await db.query(
      `insert into membership.outbox (id, subject, tenant_id, payload) values ($1, $2, $3, $4)`,
      [eventId, MembershipEvents.memberErased, tenantId, JSON.stringify({ tenantId })],
    );
    await eventually(async () => {
      const { rows } = await db.query(`
        select consumer from tenants.dead_letter union all select consumer from events.dead_letter
        union all select consumer from reporting.dead_letter
        union all select consumer from volunteering.dead_letter
        union all select consumer from advocacy.dead_letter`);
      expect(rows).toHaveLength(5);
    });

    // Standalone's one port serves the metrics of every service in it.
    const metrics = await fetch(`${hearth!.url}/metrics`);
    expect(metrics.status).toBe(200);
    const scraped = await metrics.text();
    for (const consumer of [
      'events/events-members',
      'tenants/tenants-member-erasure',
      'reporting/reporting-membership',
      'volunteering/volunteering-members',
      'advocacy/advocacy-members',
    ]) {
      const [service, name] = consumer.split('/');
      expect(scraped).toContain(`hearth_dead_letters{service="${service}",consumer="${name}"} 1`);
    }
    // In process too: the relay counted the event out of the outbox, each consumer its delivery (dead-lettered),
    // and the HTTP side counts its answers by route template (this scrape's own, the second time).
    expect(scraped).toMatch(/^hearth_outbox_relayed_total\{service="membership"\} [1-9]/m);
    expect(scraped).toContain('hearth_event_deliveries_total{consumer="events-members",outcome="dead"} 1');
    expect(await (await fetch(`${hearth!.url}/metrics`)).text()).toMatch(
      /^hearth_http_requests_total\{route="\/metrics",method="GET",status_class="2xx"\} [1-9]/m,
    );

    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.output).toContain('5 dead letter(s).');
    expect(listed.output).toContain('seq -');

    // The bug is fixed and the event put right at its source: a replay rereads it from the outbox.
    const memberId = uuidv7();
    await db.query(`update membership.outbox set payload = $2 where id = $1`, [
      eventId,
      JSON.stringify({ tenantId, memberId, occurredAt: new Date().toISOString(), communityRoles: [] }),
    ]);
    const {
      rows: [letter],
    } = await db.query<{ id: string }>('select id from events.dead_letter');
    const replayed = await run('replay', letter.id, '--wait', '20');
    expect(replayed.output).toContain(`Replayed ${letter.id}`);
    expect(replayed.code).toBe(0);
    // Handled: the erasure's tombstone (a one-way key, never the id).
    expect(
      (
        await db.query('select 1 from events.erased_members where member_key = $1', [
          erasedMemberKey(tenantId, memberId),
        ])
      ).rows,
    ).toHaveLength(1);

    expect((await run('discard', '--all')).output).toContain('Discarded 4 dead letter(s).');
  });

  it('works while Hearth is stopped too: it starts the embedded database for itself', async () => {
    await owner?.end();
    owner = undefined;
    await hearth?.stop();
    hearth = undefined;
    const listed = await run('list');
    expect(listed.code).toBe(0);
    expect(listed.output).toContain('Hearth is not running');
    expect(listed.output).toContain('0 dead letter(s).');
  });
});
