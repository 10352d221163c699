import { uuidv7 } from 'uuidv7';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { startRawServer } from '../lib/raw-server';
import type { SeededLero } from '../lib/seed';

/** One-off sessions that started an hour ago: inside the register window (an hour before to 30 days after). */
export async function doorSessions(
  hearth: DistributedProcesses,
  lero: SeededLero,
  count: number,
): Promise<string[]> {
  const api = hearth.api.as(lero.adminToken);
  const startsAt = new Date(Date.now() - 3600_000).toISOString().slice(0, 16);
  const sessions: string[] = [];
  for (let i = 0; i < count; i++) {
    const activity = await api.post<{ id: string }>(`/api/v1/tenants/${lero.id}/activities`, {
      title: `Door ${i}`,
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt: `${startsAt}:00`, durationMinutes: 120, timezone: 'UTC' },
    });
    if (activity.status !== 201)
      throw new Error(`activity: ${activity.status} ${JSON.stringify(activity.body)}`);
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const listed = await api.get<{ items: { id: string }[] }>(
      `/api/v1/tenants/${lero.id}/sessions?activityId=${activity.body.id}&from=${from}`,
    );
    if (!listed.body.items?.[0])
      throw new Error(`no session: ${listed.status} ${JSON.stringify(listed.body)}`);
    sessions.push(listed.body.items[0].id);
  }
  return sessions;
}

/** Every member at every session, sessions interleaved so concurrent requests hit many doors at once. */
export function checkInLoad(lero: SeededLero, sessions: string[]) {
  const pairs = lero.memberIds.flatMap((memberId) => sessions.map((sessionId) => ({ sessionId, memberId })));
  const items = pairs.map((p) => ({
    method: 'POST' as const,
    path: `/sessions/${p.sessionId}/attendance`,
    body: JSON.stringify({ memberId: p.memberId }),
  }));
  return { pairs, items };
}

/**
 * `check-in`: `POST …/sessions/{s}/attendance {memberId}` — a write with its outbox row — spread over many
 * sessions and members so every request is a new check-in, against a raw INSERT + outbox INSERT in one
 * transaction via pg (`baseline-raw-check-in`).
 */
export async function checkIn(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
  leros: SeededLero[],
): Promise<BenchRow[]> {
  const lero = leros[0];
  const sessions = await doorSessions(hearth, lero, config.quick ? 10 : 40);
  const { pairs, items: hearthItems } = checkInLoad(lero, sessions);
  const rawItems = pairs.map((p) => ({ method: 'POST' as const, path: `/${p.sessionId}/${p.memberId}` }));
  const raw = await startRawServer(db.ownerUrl, [
    {
      method: 'POST',
      path: '/raw/attendance/:session/:member',
      handle: async (pool, p) => {
        const c = await pool.connect();
        try {
          await c.query('begin');
          const id = uuidv7();
          await c.query(
            `insert into events.attendance (id, tenant_id, session_id, member_id) values ($1, $2, $3, $4)
             on conflict (session_id, member_id) do nothing`,
            // A fresh member id each time: the raw side must not use up the pairs Hearth checks in.
            [id, lero.id, p.session, uuidv7()],
          );
          await c.query(
            // Born published: the same insert into the same table and indexes, but never offered to the service's
            // relay, whose NATS user may not publish it — a row it can't publish holds its outbox up (events wait
            // in order), which stalled every later event of the run and flattered Hearth's side.
            `insert into events.outbox (id, subject, tenant_id, payload, published_at)
              values ($1, 'evt.bench.raw', $2, $3, now())`,
            [uuidv7(), lero.id, JSON.stringify({ sessionId: p.session })],
          );
          await c.query('commit');
          return { id };
        } catch (err) {
          await c.query('rollback');
          throw err;
        } finally {
          c.release();
        }
      },
    },
  ]);
  try {
    const row = await compareLoad(
      config,
      'check-in',
      'baseline-raw-check-in',
      10,
      {
        url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}`,
        headers: { authorization: `Bearer ${lero.adminToken}` },
        items: hearthItems,
      },
      { url: `${raw.url}/raw/attendance`, items: rawItems },
    );
    return [
      {
        ...row,
        note: [row.note, `${sessions.length} sessions × ${lero.memberIds.length} members`]
          .filter(Boolean)
          .join('; '),
      },
    ];
  } finally {
    await raw.close();
  }
}
