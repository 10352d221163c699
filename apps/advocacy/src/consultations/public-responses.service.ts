import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  notFound,
  type ConsultationView,
  type PublicConsultationRequest,
  type PublicConsultationView,
  type PublicRespondRequest,
  type ResponseReceivedView,
} from '@hearth/contracts';
import type { TenantTransaction } from '@hearth/persistence';
import { ownerOfTrustedRow } from '../advocacy-access';
import { ADVOCACY_OPTIONS, DEFAULT_PROOF_OF_WORK_BITS, type AdvocacyOptions } from '../advocacy.options';
import { readAnswers } from './consultation-rules';
import { consultationView } from './consultation.view';
import { invalidField, notOpen } from './consultations.exception';
import { ConsultationsRepository, type ConsultationRow, type Owner } from './consultations.repository';
import { ClosingsRepository } from './closings.repository';
import { ConsultationsService } from './consultations.service';
import { AnswerBatch } from './answer-batch.service';
import { checkSolution, issueChallenge } from './proof-of-work';

/** What anyone reads of a public consultation: what it asks and why (not its status, threshold or owner). */
const PUBLIC_FIELDS = [
  'id',
  'title',
  'purpose',
  'askedBy',
  'useOfAnswers',
  'opensAt',
  'closesAt',
  'questions',
  'aboutYou',
] as const;
type PublicField = (typeof PUBLIC_FIELDS)[number];

/** How long a challenge may be used: long enough to read and answer a consultation on a phone. */
const CHALLENGE_TTL_MS = 60 * 60_000;

/**
 * Responses through a public link (ADR 0067), from nobody signed in: a consultation with audience `public`, found
 * by its id alone (the queue of open consultations says whose it is), answered after a bot check that needs no
 * other service — a honeypot field that must stay empty and a proof-of-work whose challenge this service signed,
 * each challenge used once. No hash row (there is no member to hash): the answers go into `pending_answers` and
 * the same shuffled batches as members' answers. Nothing here logs or keeps who, or from where.
 */
@Injectable()
export class PublicResponsesService {
  private readonly logger = new Logger(PublicResponsesService.name);
  private readonly key: Buffer;
  /** Challenges used, until they expire (in memory: a replica's own; see ADR 0067). */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly repo: ConsultationsRepository,
    private readonly closings: ClosingsRepository,
    private readonly consultations: ConsultationsService,
    private readonly batch: AnswerBatch,
    @Inject(ADVOCACY_OPTIONS) private readonly options: AdvocacyOptions,
  ) {
    this.key = createHmac('sha256', options.respondentKey).update('advocacy proof-of-work').digest();
  }

  async get(d: PublicConsultationRequest): Promise<PublicConsultationView> {
    const { row } = await this.find(d.consultationId, (tx, id) => this.repo.find(tx, id));
    const v = consultationView(row);
    return {
      ...(Object.fromEntries(PUBLIC_FIELDS.map((k) => [k, v[k]])) as Pick<ConsultationView, PublicField>),
      proofOfWork: issueChallenge(
        this.key,
        row.id,
        this.options.proofOfWorkBits ?? DEFAULT_PROOF_OF_WORK_BITS,
        this.now(),
        CHALLENGE_TTL_MS,
      ),
    };
  }

  async respond(d: PublicRespondRequest): Promise<ResponseReceivedView> {
    if (d.website !== undefined && d.website !== '')
      throw invalidField('website', 'must be left empty (it is there to catch automated responses)');
    const solved = checkSolution(this.key, d.consultationId, d.challenge, d.nonce, this.now());
    if ('refused' in solved) throw invalidField(solved.refused.field, solved.refused.message);
    this.forgetExpired();
    if (this.used.has(d.challenge))
      throw invalidField('challenge', 'has been used: read the consultation again');
    this.used.set(d.challenge, solved.expiresAt);
    try {
      const { owner } = await this.find(d.consultationId, async (tx, id) => {
        const c = await this.repo.find(tx, id, 'share');
        if (!c || c.audience !== 'public' || c.status === 'draft') return null;
        const now = this.now().getTime();
        if (
          c.status !== 'open' ||
          now < new Date(c.opens_at).getTime() ||
          now >= new Date(c.closes_at).getTime()
        )
          throw notOpen();
        // Counted towards k: there is no account whose age could say otherwise (ADR 0067).
        await this.repo.addPending(tx, c, readAnswers(c.questions, c.about_you, d.answers), true);
        return c;
      });
      await this.batch.flush(owner, d.consultationId, { final: false }).catch((err: unknown) => {
        this.logger.warn(
          `A batch of answers waits for the next one: ${err instanceof Error ? err.message : String(err)}`,
        );
      });
      return { received: true };
    } catch (err) {
      this.used.delete(d.challenge); // refused: the same solution may be sent again with other answers
      throw err;
    }
  }

  /** The open public consultation of this id, read (`work`) in its owner's transaction; else it is missing. */
  private async find(
    id: string,
    work: (tx: TenantTransaction, id: string) => Promise<ConsultationRow | null>,
  ): Promise<{ row: ConsultationRow; owner: Owner }> {
    const queued = await this.closings.ownerOfOpen(id);
    if (!queued) throw notFound('Consultation');
    const owner = ownerOfTrustedRow(queued);
    const row = await this.consultations.transact(owner, (tx) => work(tx, id));
    if (!row || row.audience !== 'public' || row.status === 'draft') throw notFound('Consultation');
    return { row, owner };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private forgetExpired(): void {
    const now = this.now().getTime();
    for (const [challenge, expiresAt] of this.used) if (expiresAt <= now) this.used.delete(challenge);
  }
}
