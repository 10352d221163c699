import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  notFound,
  TenantsClient,
  type RequestContext,
  type RespondRequest,
  type ResponseReceivedView,
} from '@hearth/contracts';
import type { TenantTransaction } from '@hearth/persistence';
import { AdvocacyDatabase } from '../advocacy-database';
import { ADVOCACY_OPTIONS, type AdvocacyOptions } from '../advocacy.options';
import { authoriseRespondent, regionOfLero, type Respondent } from '../advocacy-access';
import { countsTowardsThreshold, readAnswers } from './consultation-rules';
import { alreadyResponded, notOpen } from './consultations.exception';
import { ConsultationsRepository, type ConsultationRow, type Owner } from './consultations.repository';
import { AnswerBatch } from './answer-batch.service';

/**
 * A member's response, anonymous by construction (ADR 0062). The request's transaction writes a keyed hash of
 * (member, consultation) — one response each — and the answers into `pending_answers` (no id, no time, nothing of
 * who); a batch moves them later, shuffled, in a transaction of its own. Nothing here logs who responded, and no
 * event is emitted.
 */
@Injectable()
export class ResponsesService {
  private readonly logger = new Logger(ResponsesService.name);

  constructor(
    private readonly db: AdvocacyDatabase,
    private readonly repo: ConsultationsRepository,
    private readonly batch: AnswerBatch,
    private readonly tenants: TenantsClient,
    @Inject(ADVOCACY_OPTIONS) private readonly options: AdvocacyOptions,
  ) {}

  async respond(ctx: RequestContext, dto: RespondRequest): Promise<ResponseReceivedView> {
    const who = authoriseRespondent(ctx.actor, dto.tenantId);
    // The LERO's own consultation, else one of its region's (asked of the tenants service only then).
    const lero: Owner = { kind: 'lero', id: who.tenantId };
    let owner: Owner = lero;
    let done = await this.db.transactInTenant(who.tenantId, (tx) => this.record(tx, who, dto, 'lero'));
    if (done === 'missing') {
      owner = { kind: 'region', id: regionOfLero(who, await this.tenants.tenantAccess(ctx, who.tenantId)) };
      done = await this.db.transactInRegion(owner.id, (tx) => this.record(tx, who, dto, 'region'));
    }
    if (done === 'missing') throw notFound('Consultation');
    // After the response committed, in another transaction: a batch, if enough answers now wait.
    await this.batch.flush(owner, dto.consultationId, { final: false }).catch((err: unknown) => {
      this.logger.warn(
        `A batch of answers waits for the next one: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    return { received: true };
  }

  private async record(
    tx: TenantTransaction,
    who: Respondent,
    dto: RespondRequest,
    owner: 'lero' | 'region',
  ): Promise<'missing' | 'recorded'> {
    // `for share`: a close waits for responses in flight, and none slips in after it.
    const c = await this.repo.find(tx, dto.consultationId, 'share');
    if (!c || !asks(c, owner)) return 'missing';
    const now = (this.options.now?.() ?? new Date()).getTime();
    if (c.status !== 'open' || now < new Date(c.opens_at).getTime() || now >= new Date(c.closes_at).getTime())
      throw notOpen();
    const answers = readAnswers(c.questions, c.about_you, dto.answers);
    const counted = countsTowardsThreshold(who.actor.accountId, who.memberId, new Date(c.opened_at ?? now));
    if (!(await this.repo.addResponse(tx, c, this.hash(who.memberId, c.id), answers, counted)))
      throw alreadyResponded();
    return 'recorded';
  }

  /** HMAC-SHA256 of (member, consultation) under the respondent key: the same member, the same hash; no way back. */
  private hash(memberId: string, consultationId: string): string {
    return createHmac('sha256', this.options.respondentKey)
      .update(`${memberId.toLowerCase()}:${consultationId.toLowerCase()}`)
      .digest('hex');
  }
}

/** Whether a member may answer it: a draft is not there for them; a LERO's asks its members, a region's its LEROs'. */
const asks = (c: ConsultationRow, owner: 'lero' | 'region') =>
  c.status !== 'draft' &&
  (owner === 'lero'
    ? c.tenant_id !== null && c.audience !== 'region'
    : c.region_id !== null && c.audience !== 'members');
