import { Injectable } from '@nestjs/common';
import type { ConsultationAudience, ConsultationStatus, QuestionView } from '@hearth/contracts';
import type { RegionId, SqlLiteral, TenantId, TenantTransaction } from '@hearth/persistence';
import type { StoredAnswers } from './consultation-rules';
import type { Snapshot } from './results.util';

/** Whose a consultation is: a LERO's (`tenant_id`) or a region's (`region_id`). */
export type Owner = { kind: 'lero'; id: TenantId } | { kind: 'region'; id: RegionId };

export interface ConsultationRow {
  id: string;
  tenant_id: string | null;
  region_id: string | null;
  title: string;
  purpose: string;
  asked_by: string;
  use_of_answers: string;
  opens_at: Date;
  closes_at: Date;
  audience: ConsultationAudience;
  /** Shown on the owner's public "you said, we did" page once closed. */
  public: boolean;
  status: ConsultationStatus;
  results_threshold: number;
  questions: QuestionView[];
  about_you: QuestionView[];
  opened_at: Date | null;
  closed_at: Date | null;
  flushed_responses: number;
  flushed_counted: number;
  snapshot_counted: number;
  snapshot: Snapshot | null;
  /** Question key → its free-text answers as staff published them after review and edit (ADR 0067). */
  published_texts: Record<string, string[]>;
  created_at: Date;
}

export interface ConsultationFields {
  title: string;
  purpose: string;
  askedBy: string;
  useOfAnswers: string;
  opensAt: Date;
  closesAt: Date;
  audience: ConsultationAudience;
  public: boolean;
  resultsThreshold: number;
  questions: QuestionView[];
  aboutYou: QuestionView[];
}

const ownerColumn = (o: Owner) => (o.kind === 'lero' ? 'tenant_id' : 'region_id');
const ownerValues = (o: Owner): [string | null, string | null] =>
  o.kind === 'lero' ? [o.id, null] : [null, o.id];
/** The owner columns of a consultation's row, for the rows that hang off it (same owner, same RLS). */
const ownerOf = (c: ConsultationRow): [string | null, string | null] => [c.tenant_id, c.region_id];

/** The SQL of consultations and their responses; each call runs in the caller's RLS-scoped transaction. */
@Injectable()
export class ConsultationsRepository {
  async insert(
    tx: TenantTransaction,
    owner: Owner,
    id: string,
    f: ConsultationFields,
  ): Promise<ConsultationRow> {
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `insert into advocacy.consultations (id, tenant_id, region_id, title, purpose, asked_by, use_of_answers,
              opens_at, closes_at, audience, results_threshold, questions, about_you, public)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14) returning *`,
      params: [id, ...ownerValues(owner), ...fieldValues(f)],
    });
    return rows[0];
  }

  async update(tx: TenantTransaction, id: string, f: ConsultationFields): Promise<ConsultationRow> {
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `update advocacy.consultations set title = $2, purpose = $3, asked_by = $4, use_of_answers = $5,
              opens_at = $6, closes_at = $7, audience = $8, results_threshold = $9, questions = $10::jsonb,
              about_you = $11::jsonb, public = $12, updated_at = now() where id = $1 returning *`,
      params: [id, ...fieldValues(f)],
    });
    return rows[0];
  }

  /** A page of the owner's consultations by id, one more than `limit`; of given statuses when asked. */
  async page(
    tx: TenantTransaction,
    owners: Owner[],
    f: {
      statuses?: ConsultationStatus[];
      audiences?: ConsultationAudience[];
      afterId?: string;
      limit: number;
    },
  ): Promise<ConsultationRow[]> {
    const params: SqlLiteral[] = [f.afterId ?? null, f.limit + 1];
    const ownedBy = owners.map((o) => {
      params.push(o.id);
      return `${ownerColumn(o)} = $${params.length}`;
    });
    const statuses = (f.statuses ?? []).map((s) => {
      params.push(s);
      return `$${params.length}`;
    });
    const audiences = (f.audiences ?? []).map((a) => {
      params.push(a);
      return `$${params.length}`;
    });
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `select * from advocacy.consultations where (${ownedBy.join(' or ')})
              ${statuses.length ? `and status in (${statuses.join(', ')})` : ''}
              ${audiences.length ? `and audience in (${audiences.join(', ')})` : ''}
              and ($1::uuid is null or id > $1::uuid) order by id limit $2`,
      params,
    });
    return rows;
  }

  /**
   * The owner's closed consultations its staff chose to show, latest closed first: what its "you said, we did" page
   * shows (ADR 0075).
   */
  async closedPublic(tx: TenantTransaction, owner: Owner, limit: number): Promise<ConsultationRow[]> {
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `select * from advocacy.consultations where ${ownerColumn(owner)} = $1 and status = 'closed' and public
              order by closed_at desc nulls last, id desc limit $2`,
      params: [owner.id, limit],
    });
    return rows;
  }

  /** The consultation (any RLS lets this transaction see), locked `for share` (a response) or `for update`. */
  async find(tx: TenantTransaction, id: string, lock?: 'share' | 'update'): Promise<ConsultationRow | null> {
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `select * from advocacy.consultations where id = $1 ${lock ? `for ${lock}` : ''}`,
      params: [id],
    });
    return rows[0] ?? null;
  }

  async setStatus(tx: TenantTransaction, id: string, status: ConsultationStatus): Promise<ConsultationRow> {
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `update advocacy.consultations set status = $2, updated_at = now(),
              opened_at = case when $2 = 'open' then now() else opened_at end,
              closed_at = case when $2 = 'closed' then now() else closed_at end
            where id = $1 returning *`,
      params: [id, status],
    });
    return rows[0];
  }

  /** Whether it shows on the public page once closed: the one change a consultation takes at any status. */
  async setPublic(tx: TenantTransaction, id: string, value: boolean): Promise<ConsultationRow> {
    const [rows] = await tx.run<[ConsultationRow[]]>({
      sql: `update advocacy.consultations set public = $2, updated_at = now() where id = $1 returning *`,
      params: [id, value],
    });
    return rows[0];
  }

  /** Replaces the published texts of one question. */
  async setPublished(tx: TenantTransaction, id: string, question: string, texts: string[]) {
    await tx.run({
      sql: `update advocacy.consultations set published_texts = published_texts || jsonb_build_object($2::text, $3::jsonb),
              updated_at = now() where id = $1`,
      params: [id, question, JSON.stringify(texts)],
    });
  }

  /**
   * The respondent's hash and their answers waiting for a batch, in the request's transaction: false when the hash
   * is there already (they responded). The pending row has no id and no time.
   */
  async addResponse(
    tx: TenantTransaction,
    c: ConsultationRow,
    hash: string,
    answers: StoredAnswers,
    counted: boolean,
  ): Promise<boolean> {
    const [inserted] = await tx.run<[unknown[]]>({
      sql: `insert into advocacy.respondents (consultation_id, tenant_id, region_id, hash)
            values ($1, $2, $3, decode($4, 'hex')) on conflict do nothing returning 1`,
      params: [c.id, ...ownerOf(c), hash],
    });
    if (inserted.length === 0) return false;
    await this.addPending(tx, c, answers, counted);
    return true;
  }

  /** Answers waiting for their batch: no id, no time, nothing of who (a public response has no hash row at all). */
  async addPending(tx: TenantTransaction, c: ConsultationRow, answers: StoredAnswers, counted: boolean) {
    await tx.run({
      sql: `insert into advocacy.pending_answers (consultation_id, tenant_id, region_id, answers, counted)
            values ($1, $2, $3, $4::jsonb, $5)`,
      params: [c.id, ...ownerOf(c), JSON.stringify(answers), counted],
    });
  }

  async pendingCount(tx: TenantTransaction, consultationId: string): Promise<number> {
    const [rows] = await tx.run<[{ n: number }[]]>({
      sql: `select count(*)::int as n from advocacy.pending_answers where consultation_id = $1`,
      params: [consultationId],
    });
    return rows[0].n;
  }

  /** Takes every waiting answer of the consultation out of `pending_answers` (in the flush's transaction). */
  async takePending(
    tx: TenantTransaction,
    consultationId: string,
  ): Promise<{ answers: StoredAnswers; counted: boolean }[]> {
    const [rows] = await tx.run<[{ answers: StoredAnswers; counted: boolean }[]]>({
      sql: `delete from advocacy.pending_answers where consultation_id = $1 returning answers, counted`,
      params: [consultationId],
    });
    return rows;
  }

  /** Writes answers in the order given (the caller shuffled them), each with its random v4 id. */
  async insertAnswers(
    tx: TenantTransaction,
    c: ConsultationRow,
    answers: { id: string; answers: StoredAnswers }[],
  ) {
    if (answers.length === 0) return;
    const params: SqlLiteral[] = [c.id, ...ownerOf(c)];
    const values = answers.map((a) => {
      params.push(a.id, JSON.stringify(a.answers));
      return `($${params.length - 1}, $1, $2, $3, $${params.length}::jsonb)`;
    });
    await tx.run({
      sql: `insert into advocacy.answers (id, consultation_id, tenant_id, region_id, answers) values ${values.join(', ')}`,
      params,
    });
  }

  async allAnswers(tx: TenantTransaction, consultationId: string): Promise<StoredAnswers[]> {
    const [rows] = await tx.run<[{ answers: StoredAnswers }[]]>({
      sql: `select answers from advocacy.answers where consultation_id = $1`,
      params: [consultationId],
    });
    return rows.map((r) => r.answers);
  }

  async recordFlush(
    tx: TenantTransaction,
    id: string,
    added: { responses: number; counted: number },
    snapshot: { snapshot: Snapshot; counted: number } | null,
  ): Promise<void> {
    await tx.run({
      sql: `update advocacy.consultations set flushed_responses = flushed_responses + $2,
              flushed_counted = flushed_counted + $3,
              snapshot = coalesce($4::jsonb, snapshot), snapshot_counted = coalesce($5, snapshot_counted)
            where id = $1`,
      params: [
        id,
        added.responses,
        added.counted,
        snapshot ? JSON.stringify(snapshot.snapshot) : null,
        snapshot?.counted ?? null,
      ],
    });
  }
}

const fieldValues = (f: ConsultationFields): SqlLiteral[] => [
  f.title,
  f.purpose,
  f.askedBy,
  f.useOfAnswers,
  f.opensAt,
  f.closesAt,
  f.audience,
  f.resultsThreshold,
  JSON.stringify(f.questions),
  JSON.stringify(f.aboutYou),
  f.public,
];
