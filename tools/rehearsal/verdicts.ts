import type { ProjectionFigures } from '../../libs/testing/src/write-stream';
import { isWhole, type AssetState } from './jetstream-state';
import type { MessageCounts, MetricSample } from './observe';

/** What a rehearsal saw; written as its JSON summary. */
export interface Findings {
  mode: 'reduced' | 'full';
  when: string;
  cores: number;
  natsServer: string;
  replicas: Record<string, number>;
  config: Record<string, number>;
  writes: {
    sent: number;
    acknowledged: number;
    answers: Record<string, number>;
    lost: { walkIns: number; checkIns: number; rsvps: number; members: number };
  };
  undeliveredEvents: number;
  deadLetters: number;
  projection: { reported: ProjectionFigures; recomputed: ProjectionFigures };
  killed: { nats: string; replicas: string[]; restarted: string[] };
  leader: { atStart?: string; before: string; during?: string; after?: string; newLeaderSeconds: number };
  jetstream: { stream: AssetState; consumers: AssetState[] };
  messages: Record<string, MessageCounts>;
  /** The NATS nodes each replica's connections (request-reply, JetStream) were seen on, in the order first seen. */
  natsNodes: Record<string, string[]>;
  cpuSeconds: Record<string, number>;
  metrics: MetricSample[];
  seconds: { stream: number; catchUp: number; total: number };
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const appOf = (replica: string) => replica.split('#')[0];

/** Largest and last value of a gauge over a service's replicas (last: of each replica's last scrape, summed). */
function gauge(metrics: MetricSample[], app: string, name: string): { max: number; final: number } {
  const mine = metrics.filter((m) => appOf(m.replica) === app);
  const max = Math.max(0, ...mine.map((m) => m.values[name] ?? 0));
  const last = new Map<string, number>();
  for (const m of mine) last.set(m.replica, m.values[name] ?? 0);
  const lastT = Math.max(0, ...mine.map((m) => m.t));
  // Only replicas still scraped at the end (a killed one's last scrape is history, not the final state).
  const live = new Set(mine.filter((m) => m.t >= lastT - 3).map((m) => m.replica));
  return { max, final: [...last].filter(([r]) => live.has(r)).reduce((a, [, v]) => a + v, 0) };
}

/** The checks, a human report and the figures the capacity notes start from. */
export function verdicts(f: Findings): { checks: Check[]; summary: Record<string, unknown>; text: string } {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const lost = f.writes.lost;
  const lostTotal = lost.walkIns + lost.checkIns + lost.rsvps + lost.members;
  check(
    'no acknowledged write lost',
    lostTotal === 0,
    `lost ${JSON.stringify(lost)} of ${f.writes.acknowledged} acknowledged`,
  );
  const same = JSON.stringify(f.projection.reported) === JSON.stringify(f.projection.recomputed);
  check(
    'no event projected twice (or lost)',
    same && f.undeliveredEvents === 0 && f.deadLetters === 0,
    `reporting ${JSON.stringify(f.projection.reported)}, recomputed ${JSON.stringify(f.projection.recomputed)}; undelivered ${f.undeliveredEvents}, dead letters ${f.deadLetters}`,
  );
  // Requests through the gateway: every replica of the services the writes call answered some.
  const requestReplicas = Object.keys(f.messages).filter(
    (r) => ['events', 'membership'].includes(appOf(r)) && f.replicas[appOf(r)] > 1,
  );
  check(
    'queue groups shared the requests',
    requestReplicas.length >= 4 && requestReplicas.every((r) => f.messages[r].queue > 0),
    requestReplicas.map((r) => `${r} ${f.messages[r].queue}`).join(', '),
  );
  // JetStream deliveries: each replica slot of reporting (its first process and the one restarted in its place,
  // as a pod restarted) pulled a real share (heartbeats and API answers are a handful).
  const reporting = Object.keys(f.messages).filter((r) => appOf(r) === 'reporting');
  const reportingTotal = reporting.reduce((a, r) => a + f.messages[r].inbox, 0);
  const slotOf = (r: string) => r.split('#')[1].split('.')[0];
  const slots = new Map<string, number>();
  for (const r of reporting) slots.set(slotOf(r), (slots.get(slotOf(r)) ?? 0) + f.messages[r].inbox);
  check(
    'reporting replicas shared the consumers',
    slots.size === 2 && [...slots.values()].every((n) => n >= Math.max(1, 0.02 * reportingTotal)),
    reporting.map((r) => `${r} ${f.messages[r].inbox}`).join(', '),
  );
  check(
    'stream leader changed when its node was killed',
    !!f.leader.during && f.leader.during !== f.leader.before,
    `before ${f.leader.before}, after the kill ${f.leader.during ?? 'none'} (${f.leader.newLeaderSeconds.toFixed(1)} s), at the end ${f.leader.after ?? 'none'}`,
  );
  const { stream, consumers } = f.jetstream;
  const notWhole = consumers.filter((c) => c.configuredReplicas !== 3 || !isWhole(c, 3)).map((c) => c.name);
  check(
    'stream and consumers R3, every peer current after the restart',
    stream.configuredReplicas === 3 && isWhole(stream, 3) && notWhole.length === 0,
    `stream R${stream.configuredReplicas} leader ${stream.leader} peers ${stream.peers.map((p) => `${p.name}${p.current ? '' : ' (behind)'}`).join(', ')}; ${consumers.length - notWhole.length}/${consumers.length} consumers whole at R3${notWhole.length ? `; not: ${notWhole.join(', ')}` : ''}`,
  );
  const backlog = gauge(f.metrics, 'events', 'hearth_outbox_backlog');
  const oldest = gauge(f.metrics, 'events', 'hearth_outbox_oldest_seconds');
  const lag = gauge(f.metrics, 'reporting', 'hearth_event_consumer_lag');
  check(
    "/metrics: events' outbox backlog and reporting's consumer lag moved, and settled",
    backlog.max > 0 && lag.max > 0 && backlog.final === 0 && lag.final === 0,
    `events backlog max ${backlog.max} final ${backlog.final} (oldest max ${oldest.max} s); reporting lag max ${lag.max} final ${lag.final}; ${f.metrics.length} scrapes`,
  );

  const perService = new Map<string, number>();
  for (const [r, s] of Object.entries(f.cpuSeconds))
    perService.set(appOf(r), (perService.get(appOf(r)) ?? 0) + s);
  const thousands = f.writes.acknowledged / 1000;
  const cpu = Object.fromEntries(
    [...perService].sort().map(([app, s]) => [
      app,
      {
        cpuSeconds: Number(s.toFixed(1)),
        cpuSecondsPer1000Writes: Number((s / thousands).toFixed(2)),
        // Extrapolated: the write mix one replica would carry with a whole core to itself.
        writesPerCoreMinute: s > 0 ? Math.round((60 * 1000) / (s / thousands)) : null,
      },
    ]),
  );
  const summary = {
    writes: f.writes.sent,
    acknowledged: f.writes.acknowledged,
    lost: lostTotal,
    duplicateProjections: same ? 0 : 'figures differ',
    perReplica: f.messages,
    leader: f.leader,
    metrics: { eventsOutboxBacklog: backlog, eventsOutboxOldestSeconds: oldest, reportingConsumerLag: lag },
    writesPerSecond: Number((f.writes.sent / f.seconds.stream).toFixed(1)),
    seconds: f.seconds,
    cpu,
  };
  const text = [
    `Cluster rehearsal (${f.mode}), ${f.cores} cores, NATS ${f.natsServer}`,
    `replicas: ${Object.entries(f.replicas)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ')}`,
    `writes: ${f.writes.sent} sent, ${f.writes.acknowledged} acknowledged, ${lostTotal} lost; answers ${JSON.stringify(f.writes.answers)}`,
    `NATS nodes of each replica's connections: ${Object.entries(f.natsNodes)
      .map(([r, n]) => `${r} ${n.join('→')}`)
      .join(', ')}`,
    `killed: NATS ${f.killed.nats}, ${f.killed.replicas.join(', ')}; restarted as ${f.killed.restarted.join(', ')}`,
    `time: stream ${f.seconds.stream.toFixed(1)} s (${summary.writesPerSecond} writes/s), catch-up ${f.seconds.catchUp.toFixed(1)} s, total ${f.seconds.total.toFixed(1)} s`,
    'CPU seconds per 1,000 acknowledged writes: ' +
      Object.entries(cpu)
        .map(([a, c]) => `${a} ${c.cpuSecondsPer1000Writes}`)
        .join(', '),
    '',
    ...checks.map((c) => `${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`),
  ].join('\n');
  return { checks, summary, text };
}
