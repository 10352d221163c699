import { createHmac, randomUUID } from 'node:crypto';
import { Client, type Pool, type PoolClient } from 'pg';
import { uuidv7 } from 'uuidv7';
import { signAccessToken } from '../../libs/auth/src/access-token';
import { keysFromPrivatePem } from '../../libs/auth/src/signing-keys';
import { consultationFields } from '../../libs/testing/src/consultation-fixture';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { compareLoad } from '../lib/compare';
import { ADVOCACY_RESPONDENT_KEY, type BenchDatabase, type DistributedProcesses } from '../lib/hearth';
import { startRawServer } from '../lib/raw-server';
import { seedLeros } from '../lib/seed';

const CONNECTIONS = 10;
/** Respondents: every Hearth run starts a quarter of the list further on, so none responds twice at < 600 req/s. */
const RESPONDENTS = 20_000;
/** The service's default `ADVOCACY_ANSWER_BATCH_SIZE` (the bench does not set it). */
const BATCH_SIZE = 5;
const RESULTS_THRESHOLD = 10;

/** A response to `consultationFields`' questions and its "about you" one, as a member's form sends it. */
const ANSWERS = [
  { question: 'q1', choice: 1 },
  { question: 'q2', scale: 4 },
  { question: 'q3', text: 'Evenings would let me come after work.' },
  { question: 'a1', choice: 0 },
];
/** What the service stores of them (`readAnswers`). */
const STORED = { q1: 1, q2: 4, q3: 'Evenings would let me come after work.', a1: 0 };

/**
 * A LERO's members with version-7 ids (as membership gives them), written as the owner like `seedLeros`' members,
 * and an account id for each made before the consultation opens: their responses count towards its threshold,
 * so results snapshots are taken as they would be.
 */
async function respondents(hearth: DistributedProcesses, db: BenchDatabase) {
  const [lero] = await seedLeros(hearth, db, 1, 0);
  const members = Array.from({ length: RESPONDENTS }, () => ({ memberId: uuidv7(), accountId: uuidv7() }));
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `insert into membership.members (id, tenant_id, display_name, email, community_roles, status, joined_at)
       select id, $1, 'Voice ' || n, 'voice' || n || '@example.org', '{member}', 'active', now()
         from unnest($2::uuid[]) with ordinality as m(id, n)`,
      [lero.id, members.map((m) => m.memberId)],
    );
    await owner.query('analyze membership.members');
  } finally {
    await owner.end();
  }
  return { lero, members };
}

async function openConsultation(hearth: DistributedProcesses, lero: { id: string; adminToken: string }) {
  const api = hearth.api.as(lero.adminToken);
  const base = `/api/v1/tenants/${lero.id}/advocacy/consultations`;
  const made = await api.post<{ id: string }>(
    base,
    consultationFields({ resultsThreshold: RESULTS_THRESHOLD }),
  );
  if (made.status !== 201) throw new Error(`consultation: ${made.status} ${JSON.stringify(made.body)}`);
  const opened = await api.post(`${base}/${made.body.id}/open`, {});
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  return made.body.id;
}

interface Row {
  id: string;
  tenant_id: string | null;
  region_id: string | null;
  status: string;
  results_threshold: number;
  flushed_counted: number;
  snapshot_counted: number;
}

/** In the LERO's RLS scope, on the service's own role, as `transactInTenant` does. */
async function inTenant<T>(pool: Pool, tenantId: string, work: (c: PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const out = await work(c);
    await c.query('commit');
    return out;
  } catch (err) {
    await c.query('rollback');
    throw err;
  } finally {
    c.release();
  }
}

/** The service's database work for one response, in raw SQL: the response's transaction, then the batch's. */
async function rawResponse(pool: Pool, tenantId: string, consultationId: string) {
  await inTenant(pool, tenantId, async (c) => {
    const { rows } = await c.query<Row>('select * from advocacy.consultations where id = $1 for share', [
      consultationId,
    ]);
    const row = rows[0];
    if (row?.status !== 'open') throw new Error('the bench consultation is not open');
    // A fresh member each time: the raw side must not use up the respondents Hearth has respond.
    const hash = createHmac('sha256', ADVOCACY_RESPONDENT_KEY)
      .update(`${randomUUID()}:${row.id}`)
      .digest('hex');
    const inserted = await c.query(
      `insert into advocacy.respondents (consultation_id, tenant_id, region_id, hash)
       values ($1, $2, $3, decode($4, 'hex')) on conflict do nothing returning 1`,
      [row.id, row.tenant_id, row.region_id, hash],
    );
    if (inserted.rowCount !== 1) throw new Error('responded twice');
    await c.query(
      `insert into advocacy.pending_answers (consultation_id, tenant_id, region_id, answers, counted)
       values ($1, $2, $3, $4::jsonb, true)`,
      [row.id, row.tenant_id, row.region_id, JSON.stringify(STORED)],
    );
  });
  await inTenant(pool, tenantId, async (c) => {
    const { rows } = await c.query<Row>('select * from advocacy.consultations where id = $1 for update', [
      consultationId,
    ]);
    const row = rows[0];
    const waiting = await c.query<{ n: number }>(
      'select count(*)::int as n from advocacy.pending_answers where consultation_id = $1',
      [row.id],
    );
    if (waiting.rows[0].n < BATCH_SIZE) return;
    const taken = await c.query<{ answers: object; counted: boolean }>(
      'delete from advocacy.pending_answers where consultation_id = $1 returning answers, counted',
      [row.id],
    );
    const params: unknown[] = [row.id, row.tenant_id, row.region_id];
    const values = taken.rows.map((t) => {
      params.push(randomUUID(), JSON.stringify(t.answers));
      return `($${params.length - 1}, $1, $2, $3, $${params.length}::jsonb)`;
    });
    await c.query(
      `insert into advocacy.answers (id, consultation_id, tenant_id, region_id, answers) values ${values.join(', ')}`,
      params,
    );
    const counted = row.flushed_counted + taken.rows.filter((t) => t.counted).length;
    const due = counted >= row.results_threshold && counted - row.snapshot_counted >= row.results_threshold;
    // A snapshot reads every answer so far, as the service's does (which then also adds them up).
    const all = due
      ? await c.query('select answers from advocacy.answers where consultation_id = $1', [row.id])
      : null;
    await c.query(
      `update advocacy.consultations set flushed_responses = flushed_responses + $2,
         flushed_counted = flushed_counted + $3,
         snapshot = coalesce($4::jsonb, snapshot), snapshot_counted = coalesce($5, snapshot_counted)
       where id = $1`,
      [
        row.id,
        taken.rows.length,
        counted - row.flushed_counted,
        all ? JSON.stringify({ responses: all.rowCount }) : null,
        all ? counted : null,
      ],
    );
  });
}

/**
 * The load of members' responses: a LERO of `RESPONDENTS` members, an open consultation, and one request per member
 * with a token of their own (signed with the bench's tenants key, as a sign-in would issue it).
 */
export async function responsesLoad(hearth: DistributedProcesses, db: BenchDatabase) {
  const { lero, members } = await respondents(hearth, db);
  const consultationId = await openConsultation(hearth, lero);
  const key = keysFromPrivatePem(hearth.privatePem).privateKey;
  const body = JSON.stringify({ answers: ANSWERS });
  const items = members.map((m, i) => ({
    method: 'POST' as const,
    path: `/${consultationId}/responses`,
    body,
    headers: {
      authorization: `Bearer ${signAccessToken(
        {
          accountId: m.accountId,
          email: `voice${i}@example.org`,
          grants: [{ role: 'member', tenantId: lero.id, memberId: m.memberId }],
        },
        key,
        900,
      )}`,
    },
  }));
  const url = `${hearth.api.baseUrl}/api/v1/tenants/${lero.id}/advocacy/consultations`;
  return { lero, consultationId, body, items, url };
}

/**
 * `consultation-responses`: `POST …/advocacy/consultations/{c}/responses` by members (ADR 0062), every request a
 * new member with a token of their own (signed with the bench's tenants key, as a sign-in would issue it) on one
 * open consultation of three questions and one "about you" — against the same database work in raw SQL through pg
 * on the advocacy service's own role under the same RLS setting (`baseline-raw-response`): the response's
 * transaction (the consultation `for share`, the respondent's hash, the waiting answers), then the batch's (the
 * consultation `for update`, count the waiting answers and, once five wait, move them into `answers`, read all
 * answers when a results snapshot is due, and update the consultation). No outbox row: a response emits no event.
 */
export async function consultationResponses(
  config: BenchConfig,
  db: BenchDatabase,
  hearth: DistributedProcesses,
): Promise<BenchRow[]> {
  const { lero, consultationId, body, items, url } = await responsesLoad(hearth, db);
  const raw = await startRawServer(db.serviceUrls.advocacy, [
    {
      method: 'POST',
      path: '/raw/respond/:n',
      handle: async (pool) => {
        await rawResponse(pool, lero.id, consultationId);
        return { received: true };
      },
    },
  ]);
  try {
    const row = await compareLoad(
      config,
      'consultation-responses',
      'baseline-raw-response',
      CONNECTIONS,
      { url, items },
      {
        url: `${raw.url}/raw/respond`,
        items: items.map((_, i) => ({ method: 'POST' as const, path: `/${i}`, body })),
      },
    );
    const stored = await storedCount(db, lero.id, consultationId);
    const note = `1 consultation, ${items.length} members, batches of ${BATCH_SIZE}, k ${RESULTS_THRESHOLD}; ${stored}`;
    return [{ ...row, note: [row.note, note].filter(Boolean).join('; ') }];
  } finally {
    await raw.close();
  }
}

/** The responses both sides recorded (hashes) and the answers written: a check that the load did the work. */
async function storedCount(db: BenchDatabase, tenantId: string, consultationId: string): Promise<string> {
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{ n: number; answers: number }>(
      `select (select count(*)::int from advocacy.respondents where consultation_id = $1 and tenant_id = $2) as n,
              (select count(*)::int from advocacy.answers where consultation_id = $1) as answers`,
      [consultationId, tenantId],
    );
    return `${rows[0].n} responses in all (both sides), ${rows[0].answers} answers written`;
  } finally {
    await owner.end();
  }
}
