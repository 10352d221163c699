import type { ApiClient, ApiResponse } from './api-client';

/*
 * A stream of a LERO's everyday writes through the API (check-ins, walk-ins, RSVPs, new members) and the checks
 * that nothing acknowledged was lost and nothing was projected twice: the fault suite (in process, one NATS)
 * and the cluster rehearsal (tools/rehearsal, processes on a NATS cluster) drive and check the same thing.
 */

export type WriteKind = 'check-in' | 'walk-in' | 'rsvp' | 'member';

export interface StreamWrite {
  kind: WriteKind;
  memberId?: string;
  sessionId?: string;
  res: ApiResponse<Record<string, unknown>>;
}

/** Runs SQL as the database's owner: rows back. */
export type OwnerQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface WriteStreamLero {
  /** The LERO's admin's API (signed in). */
  api: ApiClient;
  tenantId: string;
  sessionIds: string[];
  memberIds: string[];
}

async function created<T>(call: () => Promise<ApiResponse<T>>): Promise<T> {
  const res = await call();
  if (res.status !== 201) throw new Error(`Setup call answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A LERO's sessions starting in half an hour (registers open, RSVPs still taken), and its members. */
export async function setUpWriteStreamLero(
  api: ApiClient,
  tenantId: string,
  counts: { sessions: number; members: number },
): Promise<WriteStreamLero> {
  const base = `/api/v1/tenants/${tenantId}`;
  const start = new Date(Date.now() + 30 * 60_000);
  const wallClock = start
    .toLocaleString('sv-SE', { timeZone: 'Europe/London', hour12: false })
    .replace(' ', 'T')
    .slice(0, 16);
  const from = encodeURIComponent(new Date(start.getTime() - 86_400_000).toISOString());
  const categories = ['peer-support', 'walking', 'music', 'arts-crafts'];
  const sessionIds: string[] = [];
  const memberIds: string[] = [];
  for (let i = 0; i < counts.sessions; i++) {
    const activity = await created(() =>
      api.post<{ id: string }>(`${base}/activities`, {
        title: `Group ${i}`,
        category: categories[i % categories.length],
        visibility: 'members',
        schedule: { startsAt: wallClock, durationMinutes: 90 },
      }),
    );
    const sessions = await api.get<{ items: { id: string }[] }>(
      `${base}/sessions?activityId=${activity.id}&from=${from}`,
    );
    sessionIds.push(sessions.body.items[0].id);
  }
  for (let i = 0; i < counts.members; i++)
    memberIds.push(
      (await created(() => api.post<{ id: string }>(`${base}/members`, { displayName: `Member ${i}` }))).id,
    );
  return { api, tenantId, sessionIds, memberIds };
}

export interface WriteStream {
  /** Every write answered so far (all of them once `done` resolves). */
  writes: StreamWrite[];
  /** Resolves when the last write has been sent and every answer is in. */
  done: Promise<void>;
  /** Sends no more writes. */
  stop(): void;
  /** Writes sent so far. */
  sent(): number;
}

/**
 * Fires one write every `everyMs` (open loop: a slow answer does not slow the stream) until `writes` have been
 * sent: 35% check-ins, 30% walk-ins, 20% RSVPs, 15% new members, at sessions and members picked by a seeded
 * generator.
 */
export function startWriteStream(
  lero: WriteStreamLero,
  opts: { writes: number; everyMs: number; seed?: number },
): WriteStream {
  const { api, sessionIds, memberIds } = lero;
  const base = `/api/v1/tenants/${lero.tenantId}`;
  const writes: StreamWrite[] = [];
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  let random = opts.seed ?? 20261203;
  const next = (k: number) => {
    random = (random * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((random / 2 ** 31) * k); // the high bits: an LCG's low bits repeat quickly
  };
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const stop = () => {
    clearInterval(timer);
    void Promise.allSettled(inFlight).then(() => finish());
  };
  const timer = setInterval(() => {
    if (n >= opts.writes) return stop();
    n++;
    const roll = next(100);
    const kind: WriteKind = roll < 35 ? 'check-in' : roll < 65 ? 'walk-in' : roll < 85 ? 'rsvp' : 'member';
    const sessionId = sessionIds[next(sessionIds.length)];
    const memberId = memberIds[next(memberIds.length)];
    const call =
      kind === 'check-in'
        ? api.post(`${base}/sessions/${sessionId}/attendance`, { memberId })
        : kind === 'rsvp'
          ? api.post(`${base}/sessions/${sessionId}/rsvps`, { memberId })
          : kind === 'walk-in'
            ? api.post(`${base}/sessions/${sessionId}/walk-ins`, { count: 1 })
            : api.post(`${base}/members`, { displayName: `Person ${n}` });
    const p = call.then(
      (res) =>
        void writes.push({
          kind,
          res: res as StreamWrite['res'],
          ...(kind === 'walk-in' || kind === 'member' ? {} : { memberId }),
          ...(kind === 'member' ? {} : { sessionId }),
        }),
      // No answer at all (the connection was cut): not acknowledged.
      () => void writes.push({ kind, res: { status: 0, headers: new Headers(), body: {} } }),
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }, opts.everyMs);
  return { writes, done, stop, sent: () => n };
}

export const isAcknowledged = (w: StreamWrite) => w.res.status >= 200 && w.res.status < 300;

export const acknowledged = (writes: StreamWrite[], kind: WriteKind) =>
  writes.filter((w) => w.kind === kind && isAcknowledged(w));

/** Answers by kind and status, e.g. `{ 'check-in 201': 700, 'check-in 503': 3 }`. */
export function answerCounts(writes: StreamWrite[]): Record<string, number> {
  const statuses = new Map<string, number>();
  for (const w of writes)
    statuses.set(`${w.kind} ${w.res.status}`, (statuses.get(`${w.kind} ${w.res.status}`) ?? 0) + 1);
  return Object.fromEntries([...statuses].sort());
}

const count = async (query: OwnerQuery, sql: string, params: unknown[] = []) =>
  Number((await query<{ n: string | number | null }>(sql, params))[0]?.n ?? 0);

/**
 * Acknowledged writes that are not in their service's database (a write whose answer was lost may have committed
 * too, so walk-ins are compared as at least). `exceptMember`: a member erased meanwhile, whose rows went with them.
 */
export async function lostWrites(
  query: OwnerQuery,
  tenantId: string,
  writes: StreamWrite[],
  opts: { exceptMember?: string } = {},
): Promise<{ walkIns: number; checkIns: StreamWrite[]; rsvps: StreamWrite[]; members: StreamWrite[] }> {
  const walkIns = await count(
    query,
    `select coalesce(sum(walk_ins), 0) as n from events.sessions where tenant_id = $1`,
    [tenantId],
  );
  const keys = async (table: string) =>
    new Set(
      (
        await query<{ k: string }>(
          `select session_id || '/' || member_id as k from events.${table} where member_id is not null and tenant_id = $1`,
          [tenantId],
        )
      ).map((r) => r.k),
    );
  const attendance = await keys('attendance');
  const rsvps = await keys('rsvps');
  const members = new Set(
    (await query<{ id: string }>('select id from membership.members where tenant_id = $1', [tenantId])).map(
      (m) => m.id,
    ),
  );
  const missing = (kind: WriteKind, found: Set<string>) =>
    acknowledged(writes, kind).filter(
      (w) => w.memberId !== opts.exceptMember && !found.has(`${w.sessionId}/${w.memberId}`),
    );
  return {
    walkIns: Math.max(0, acknowledged(writes, 'walk-in').length - walkIns),
    checkIns: missing('check-in', attendance),
    rsvps: missing('rsvp', rsvps),
    members: acknowledged(writes, 'member').filter((w) => !members.has(w.res.body.id as string)),
  };
}

/** Events of the stream some consumer has not taken yet (by outbox row and consumer inbox), none when caught up. */
export function undeliveredEvents(
  query: OwnerQuery,
): Promise<{ id: string; subject: string; consumer: string }[]> {
  return query(`
    select o.id, o.subject, 'reporting-events' as consumer from events.outbox o
      where not exists (select 1 from reporting.inbox i where i.consumer = 'reporting-events' and i.event_id = o.id)
    union all
    select o.id, o.subject, 'reporting-membership' from membership.outbox o
      where not exists (select 1 from reporting.inbox i where i.consumer = 'reporting-membership' and i.event_id = o.id)
    union all
    select o.id, o.subject, 'events-members' from membership.outbox o
      where o.subject like 'evt.membership.member.%'
        and not exists (select 1 from events.inbox i where i.consumer = 'events-members' and i.event_id = o.id)
    union all
    select o.id, o.subject, 'tenants-member-erasure' from membership.outbox o
      where o.subject = 'evt.membership.member.erased'
        and not exists (select 1 from tenants.inbox i where i.consumer = 'tenants-member-erasure' and i.event_id = o.id)`);
}

export interface ProjectionFigures {
  walkIns: number;
  attendances: number;
  newMembers: number;
  uniqueParticipants: number;
  memberSpans: number;
}

/**
 * Reporting's figures of a LERO beside a recomputation from the events and membership schemas: equal when every
 * event was counted once (a twice-projected event makes reporting's side larger, a lost one smaller).
 */
export async function projectionFigures(
  query: OwnerQuery,
  tenantId: string,
): Promise<{ reported: ProjectionFigures; recomputed: ProjectionFigures }> {
  const tenant = [tenantId];
  const reported = (metric: string) =>
    count(
      query,
      `select coalesce(sum(value), 0) as n from reporting.daily_counts where tenant_id = $1 and metric = $2`,
      [tenantId, metric],
    );
  const walkIns = await count(
    query,
    `select coalesce(sum(walk_ins), 0) as n from events.sessions where tenant_id = $1`,
    tenant,
  );
  const checkIns = await count(
    query,
    `select count(*) as n from events.attendance where tenant_id = $1`,
    tenant,
  );
  const members = await count(
    query,
    `select count(*) as n from membership.members where tenant_id = $1`,
    tenant,
  );
  // Distinct participants per month and category: from the attendance events, net of removals.
  const participants = await count(
    query,
    `select count(*) as n from (
       select payload->>'participantKey', payload->>'category', left(payload->>'sessionDate', 7)
         from events.outbox
         where tenant_id = $1 and subject in ('evt.events.attendance.recorded', 'evt.events.attendance.removed')
         group by 1, 2, 3
         having sum(case when subject = 'evt.events.attendance.recorded' then 1 else -1 end) > 0) t`,
    tenant,
  );
  return {
    reported: {
      walkIns: await reported('walkIns'),
      attendances: await reported('attendances'),
      newMembers: await reported('newMembers'),
      uniqueParticipants: await count(
        query,
        `select count(*) as n from reporting.monthly_keys
          where tenant_id = $1 and metric = 'uniqueParticipants' and refs > 0`,
        tenant,
      ),
      memberSpans: await count(
        query,
        `select count(*) as n from reporting.member_spans where tenant_id = $1`,
        tenant,
      ),
    },
    recomputed: {
      walkIns,
      attendances: walkIns + checkIns,
      newMembers: members,
      uniqueParticipants: participants,
      memberSpans: members,
    },
  };
}
