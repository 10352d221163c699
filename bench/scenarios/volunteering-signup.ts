import { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad } from '../lib/compare';
import type { BenchDatabase, DistributedProcesses } from '../lib/hearth';
import { startRawServer } from '../lib/raw-server';
import { seedLeros } from '../lib/seed';

const CONNECTIONS = 50;
const SHIFTS = 4;
const CAPACITY = 20;

interface BenchShift {
  id: string;
  /** The occurrence's start instant and local date, as sign-ups resolve them. */
  startsAt: string;
  date: string;
}

/** A LERO whose members are all volunteers (written into volunteering's projection, as membership's events would). */
async function volunteersLero(hearth: DistributedProcesses, db: BenchDatabase, members: number) {
  const [lero] = await seedLeros(hearth, db, 1, members);
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `insert into volunteering.members (tenant_id, member_id, volunteer, roles_at, roles_event, status, status_at,
        status_event) select $1, id, true, now(), gen_random_uuid(), 'active', now(), gen_random_uuid()
        from unnest($2::uuid[]) id`,
      [lero.id, lero.memberIds],
    );
    await owner.query('analyze volunteering.members');
  } finally {
    await owner.end();
  }
  return lero;
}

async function fewShifts(hearth: DistributedProcesses, lero: { id: string; adminToken: string }) {
  const api = hearth.api.as(lero.adminToken);
  const base = `/api/v1/tenants/${lero.id}/volunteering`;
  const role = await api.post<{ id: string }>(`${base}/roles`, { title: 'Bench', visibility: 'members' });
  if (role.status !== 201) throw new Error(`role: ${role.status} ${JSON.stringify(role.body)}`);
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const shifts: BenchShift[] = [];
  for (let i = 0; i < SHIFTS; i++) {
    const shift = await api.post<{ id: string; next: { startsAt: string }[] }>(
      `${base}/roles/${role.body.id}/shifts`,
      { startsAt: `${day}T${String(9 + i).padStart(2, '0')}:00`, durationMinutes: 60, capacity: CAPACITY },
    );
    if (shift.status !== 201) throw new Error(`shift: ${shift.status} ${JSON.stringify(shift.body)}`);
    const startsAt = shift.body.next[0].startsAt;
    shifts.push({
      id: shift.body.id,
      startsAt: new Date(startsAt).toISOString(),
      date: startsAt.slice(0, 10),
    });
  }
  return shifts;
}

/**
 * `volunteering-signup`: `POST …/volunteering/shifts/{s}/signups {memberId}` by a coordinator, every request a new
 * volunteer on one of four shifts of 20 places at 50 connections, so requests queue on the same occurrence rows (the
 * lock that keeps a shift from being overbooked; ADR 0052) and most land on the waitlist — against the same work in
 * raw SQL through pg (`baseline-raw-signup`): in one transaction, make or find the occurrence and lock it, read the
 * shift, check the volunteer, count the places, insert the sign-up and its outbox row.
 */
export async function volunteeringSignup(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
): Promise<BenchRow[]> {
  const lero = await volunteersLero(hearth, db, config.quick ? 1000 : 5000);
  const shifts = await fewShifts(hearth, lero);
  const byId = new Map(shifts.map((s) => [s.id, s]));
  const pairs = lero.memberIds.flatMap((memberId) => shifts.map((s) => ({ shiftId: s.id, memberId })));
  const hearthItems = pairs.map((p) => ({
    method: 'POST' as const,
    path: `/shifts/${p.shiftId}/signups`,
    body: JSON.stringify({ memberId: p.memberId }),
  }));
  const rawItems = pairs.map((p) => ({ method: 'POST' as const, path: `/${p.shiftId}/${p.memberId}` }));
  const raw = await startRawServer(db.ownerUrl, [
    {
      method: 'POST',
      path: '/raw/signup/:shift/:member',
      handle: async (pool, p) => {
        const shift = byId.get(p.shift);
        if (!shift) throw new Error(`no bench shift ${p.shift}`);
        const c = await pool.connect();
        try {
          await c.query('begin');
          await c.query(
            `insert into volunteering.shift_occurrences (id, tenant_id, shift_id, starts_at, local_date)
              values ($1, $2, $3, $4, $5) on conflict (tenant_id, shift_id, starts_at) do nothing`,
            [uuidv7(), lero.id, shift.id, shift.startsAt, shift.date],
          );
          const occurrence = await c.query<{ id: string }>(
            `select id from volunteering.shift_occurrences where shift_id = $1 and starts_at = $2 for update`,
            [shift.id, shift.startsAt],
          );
          const row = await c.query<{ capacity: number }>(
            `select capacity from volunteering.shifts where id = $1`,
            [shift.id],
          );
          await c.query(
            `select 1 from volunteering.members where member_id = $1 and volunteer and status = 'active'`,
            [p.member],
          );
          const counted = await c.query<{ n: string }>(
            `select count(*) as n from volunteering.signups where occurrence_id = $1 and status = 'confirmed'`,
            [occurrence.rows[0].id],
          );
          const status = Number(counted.rows[0].n) < row.rows[0].capacity ? 'confirmed' : 'waitlisted';
          const id = uuidv7();
          // A fresh member id each time: the raw side must not use up the pairs Hearth signs up.
          await c.query(
            `insert into volunteering.signups (id, tenant_id, occurrence_id, member_id, status)
              values ($1, $2, $3, $4, $5)`,
            [id, lero.id, occurrence.rows[0].id, uuidv7(), status],
          );
          await c.query(
            // Born published: the same insert into the same table and indexes, but never offered to the service's
            // relay, whose NATS user may not publish it — a row it can't publish holds its outbox up (events wait
            // in order), which stalled every later event of the run and flattered Hearth's side.
            `insert into volunteering.outbox (id, subject, tenant_id, payload, published_at)
              values ($1, 'evt.bench.raw', $2, $3, now())`,
            [uuidv7(), lero.id, JSON.stringify({ shiftId: shift.id, status })],
          );
          await c.query('commit');
          return { id, status };
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
      'volunteering-signup',
      'baseline-raw-signup',
      CONNECTIONS,
      {
        url: `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}/volunteering`,
        headers: { authorization: `Bearer ${lero.adminToken}` },
        items: hearthItems,
      },
      { url: `${raw.url}/raw/signup`, items: rawItems },
    );
    const note = `${SHIFTS} shifts of ${CAPACITY} places × ${lero.memberIds.length} volunteers`;
    return [{ ...row, note: [row.note, note].filter(Boolean).join('; ') }];
  } finally {
    await raw.close();
  }
}
