import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';
import { ApiClient, Given } from '../../libs/testing/src/api-client';
import { startTestNatsCluster, type TestNatsCluster } from '../../libs/testing/src/nats-cluster';
import { startTestPostgres, type TestPostgres } from '../../libs/testing/src/postgres-server';
import {
  answerCounts,
  isAcknowledged,
  lostWrites,
  projectionFigures,
  setUpWriteStreamLero,
  startWriteStream,
  undeliveredEvents,
  type OwnerQuery,
} from '../../libs/testing/src/write-stream';
import { ADMIN, migrate, startHearth, type RehearsalHearth, type Service } from './hearth-processes';
import { JetStreamState, isWhole, type AssetState } from './jetstream-state';
import { Observer } from './observe';
import { verdicts, type Findings } from './verdicts';

/*
 * The cluster rehearsal (issue 20, ADR 0088): Hearth as on a cluster, on this machine. A three-node NATS cluster,
 * a PostgreSQL, two replicas of the services and a gateway as OS processes; a stream of writes through the
 * gateway; a replica of reporting frozen (SIGSTOP) for a few seconds; mid-stream the JetStream stream leader's
 * node and one replica of events and of reporting are SIGKILLed, then started again. Then: nothing acknowledged lost, nothing projected twice, every replica did
 * its share, the stream and its consumers whole at R3 with a new leader, backlog and lag seen moving.
 *
 *   npm run rehearse                        the full form: two replicas of every service
 *   npm run rehearse -- --reduced           CI's form (under three minutes): two replicas of the services the
 *                                           writes touch (tenants, membership, events, reporting), one of the rest
 *   … -- --out=rehearsal.json               the summary as JSON too
 */
const reduced = process.argv.includes('--reduced');
const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
const CONFIG = reduced
  ? {
      writes: 1_500,
      everyMs: 30,
      sessions: 6,
      members: 30,
      freezeAt: 0.1,
      frozenMs: 3_000,
      killAt: 0.3,
      downMs: 8_000,
    }
  : {
      writes: 6_000,
      everyMs: 20,
      sessions: 16,
      members: 120,
      freezeAt: 0.1,
      frozenMs: 3_000,
      killAt: 0.3,
      downMs: 15_000,
    };
const TWO_EVERYWHERE: Service[] = ['tenants', 'membership', 'events', 'reporting'];
const replicasOf = (s: Service) => (!reduced || TWO_EVERYWHERE.includes(s) ? 2 : 1);

const started = Date.now();
const elapsed = () => Number(((Date.now() - started) / 1000).toFixed(1));
const log = (msg: string) => console.error(`${elapsed().toFixed(1).padStart(6)} s  ${msg}`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (${String(last ?? '')})`);
    await sleep(250);
  }
}

async function main(): Promise<number> {
  log(`${reduced ? 'reduced' : 'full'} rehearsal on ${cpus().length} cores`);
  let nats: TestNatsCluster | undefined;
  let pg: TestPostgres | undefined;
  let hearth: RehearsalHearth | undefined;
  let js: JetStreamState | undefined;
  let owner: Client | undefined;
  try {
    nats = await startTestNatsCluster({ nodes: 3 });
    log(`NATS cluster up: ${nats.nodes.map((n) => `${n.name} ${n.url}`).join(', ')}`);
    pg = await startTestPostgres();
    const db = await migrate(pg.url, nats, 3);
    log('migrated; events stream and consumers provisioned with NATS_STREAM_REPLICAS=3');
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
    const query: OwnerQuery = async <T>(sql: string, params: unknown[] = []) =>
      (await owner!.query(sql, params)).rows as T[];
    js = await JetStreamState.open(nats);
    const streamAtStart = await js.stream();

    hearth = await startHearth(db, nats, replicasOf);
    const h = hearth;
    log(`Hearth up: ${h.replicas.map((r) => r.id).join(', ')}`);
    const api = new ApiClient(h.gatewayUrl);
    const given = new Given(api, ADMIN);
    const adminToken = await until('the first sign-in', 60_000, () => given.platformAdmin());
    const region = await given.region(adminToken);
    const lero = await given.lero(region.id, adminToken);
    const setUp = await setUpWriteStreamLero(api.as(lero.adminToken), lero.id, CONFIG);
    log(`LERO set up: ${CONFIG.sessions} sessions, ${CONFIG.members} members`);

    const observer = new Observer(
      nats,
      () => h.replicas,
      (r) => r.app === 'events' || r.app === 'reporting',
    );
    await observer.resetCpu();
    observer.start(500, 250);
    const streamStarted = Date.now();
    const stream = startWriteStream(setUp, { writes: CONFIG.writes, everyMs: CONFIG.everyMs });
    log(`write stream: ${CONFIG.writes} writes, one every ${CONFIG.everyMs} ms`);

    const events1 = h.replicas.find((r) => r.app === 'events' && r.slot === 1)!;
    const reporting1 = h.replicas.find((r) => r.app === 'reporting' && r.slot === 1)!;
    // First a stalled replica (a VM pause, a long GC): reporting#1 frozen for a few seconds. The events JetStream
    // hands its waiting pulls stay unacknowledged meanwhile, so the consumers' lag must show on /metrics (scraped
    // from reporting#2), and reporting#1 must finish them when it thaws.
    while (stream.sent() < CONFIG.writes * CONFIG.freezeAt) await sleep(100);
    reporting1.process.child.kill('SIGSTOP');
    log(`froze ${reporting1.id} (SIGSTOP) for ${CONFIG.frozenMs / 1000} s after ${stream.sent()} writes`);
    await sleep(CONFIG.frozenMs);
    reporting1.process.child.kill('SIGCONT');

    // Mid-stream: the stream leader's node, and the first replica of events and of reporting, killed at once.
    while (stream.sent() < CONFIG.writes * CONFIG.killAt) await sleep(100);
    const before = await js.stream();
    const victim = before.leader!;
    const killedAt = Date.now();
    await Promise.all([nats.kill(victim), h.kill(events1), h.kill(reporting1)]);
    log(
      `killed NATS ${victim} (stream leader), ${events1.id}, ${reporting1.id} after ${stream.sent()} writes`,
    );
    const during = await until('a new stream leader', 60_000, async () => {
      const s = await js!.stream();
      return s.leader && s.leader !== victim ? s : undefined;
    });
    const newLeaderSeconds = (Date.now() - killedAt) / 1000;
    log(`new stream leader ${during.leader} after ${newLeaderSeconds.toFixed(1)} s`);
    await sleep(Math.max(0, CONFIG.downMs - (Date.now() - killedAt)));
    await nats.start(victim);
    const [events1b, reporting1b] = await Promise.all([h.restart(events1), h.restart(reporting1)]);
    log(
      `restarted ${victim}, ${events1b.id}, ${reporting1b.id} (${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill)`,
    );

    await stream.done;
    const streamSeconds = (Date.now() - streamStarted) / 1000;
    log(`write stream done: ${stream.writes.length} answered in ${streamSeconds.toFixed(1)} s`);
    const undelivered = await until('every event taken by every consumer', 180_000, async () =>
      (await undeliveredEvents(query)).length === 0 ? [] : undefined,
    ).catch(async () => undeliveredEvents(query));
    const caughtUpSeconds = (Date.now() - streamStarted) / 1000 - streamSeconds;
    log(`consumers caught up ${caughtUpSeconds.toFixed(1)} s after the last write`);
    await sleep(3_000); // a last scrape of settled gauges
    await observer.stop();

    const whole = async () => {
      const [s, cs] = [await js!.stream(), await js!.consumers()];
      return isWhole(s, 3) && cs.every((c) => isWhole(c, 3)) ? { stream: s, consumers: cs } : undefined;
    };
    const after = await until('stream and consumers whole at R3', 60_000, whole).catch(async () => ({
      stream: await js!.stream(),
      consumers: await js!.consumers(),
    }));

    const writes = stream.writes;
    const findings: Findings = {
      mode: reduced ? 'reduced' : 'full',
      when: new Date().toISOString(),
      cores: cpus().length,
      natsServer: '2.9.10 (no sync_interval: JetStream writes are not fsynced one by one here)',
      replicas: Object.fromEntries(
        (['gateway', ...new Set(h.everyReplica.map((r) => r.app))] as string[]).map((app) => [
          app,
          app === 'gateway' ? 1 : replicasOf(app as Service),
        ]),
      ),
      config: CONFIG,
      writes: {
        sent: writes.length,
        acknowledged: writes.filter(isAcknowledged).length,
        answers: answerCounts(writes),
        lost: await lostWrites(query, lero.id, writes).then((l) => ({
          walkIns: l.walkIns,
          checkIns: l.checkIns.length,
          rsvps: l.rsvps.length,
          members: l.members.length,
        })),
      },
      undeliveredEvents: undelivered.length,
      deadLetters: Number(
        (await query<{ n: string }>('select count(*) as n from reporting.dead_letter'))[0]?.n ?? 0,
      ),
      projection: await projectionFigures(query, lero.id),
      killed: {
        nats: victim,
        replicas: [events1.id, reporting1.id],
        restarted: [events1b.id, reporting1b.id],
      },
      leader: {
        atStart: streamAtStart.leader,
        before: victim,
        during: during.leader,
        after: after.stream.leader,
        newLeaderSeconds,
      },
      jetstream: { stream: after.stream, consumers: after.consumers satisfies AssetState[] },
      messages: observer.messages(),
      natsNodes: observer.natsNodes(),
      cpuSeconds: observer.cpu(),
      metrics: observer.metrics,
      seconds: { stream: streamSeconds, catchUp: caughtUpSeconds, total: elapsed() },
    };
    const report = verdicts(findings);
    console.log(report.text);
    if (out) {
      mkdirSync(dirname(resolve(out)), { recursive: true });
      writeFileSync(
        resolve(out),
        `${JSON.stringify({ ...findings, summary: report.summary, checks: report.checks }, null, 2)}\n`,
      );
      log(`summary written to ${out}`);
    }
    return report.checks.every((c) => c.ok) ? 0 : 1;
  } catch (err) {
    console.error(err);
    for (const r of hearth?.everyReplica ?? [])
      console.error(`--- ${r.id}\n${r.process.output().slice(-3_000)}`);
    return 1;
  } finally {
    // Each step bounded: a rehearsal in CI must end, whatever hangs.
    const bounded = (what: string, step: () => Promise<unknown> | undefined) =>
      Promise.race([
        Promise.resolve(step()).catch((err) => log(`${what}: ${String(err)}`)),
        sleep(30_000).then(() => log(`${what}: still not done after 30 s, left behind`)),
      ]);
    await bounded('closing the database connection', () => owner?.end());
    await bounded('closing the NATS connection', () => js?.close());
    await bounded('stopping Hearth', () => hearth?.stop());
    await bounded('stopping NATS', () => nats?.stop());
    await bounded('stopping PostgreSQL', () => pg?.close());
  }
}

void main().then((code) => {
  log(code === 0 ? 'rehearsal passed' : 'rehearsal FAILED');
  process.exit(code);
});
