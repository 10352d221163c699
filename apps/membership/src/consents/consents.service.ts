import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  CONSENT_KINDS,
  type ConsentChangesDto,
  type ConsentKind,
  type ConsentRecordView,
  type RequestContext,
} from '@hearth/contracts';
import type { TenantId, TenantScope } from '@hearth/persistence';
import { ConsentRecord } from './consent-record.entity';

type ConsentField = 'consentContact' | 'consentPhotos' | 'consentShareStoriesAnonymously';

/**
 * What consents know of a member: its id, LERO and the latest consents its record holds. Structural, so the
 * consent history does not depend on the members feature (which records consents through it).
 */
export type ConsentHolder = { id: string; tenantId: string } & Record<ConsentField, boolean>;

const FIELD: Record<ConsentKind, ConsentField> = {
  contact: 'consentContact',
  photos: 'consentPhotos',
  shareStoriesAnonymously: 'consentShareStoriesAnonymously',
};

const view = (r: ConsentRecord): ConsentRecordView => ({
  id: r.id,
  consent: r.consent,
  given: r.given,
  recordedAt: r.recordedAt.toISOString(),
  recordedBy: r.recordedBy,
  bySelf: r.bySelf,
});

/** Consent is history: every change is a new record (what, when, by whom); the member row holds the latest. */
@Injectable()
export class ConsentsService {
  /**
   * Applies consents to the member and records each one that changed (at creation, every one given) in the
   * caller's transaction. Returns the consents recorded.
   */
  record(
    em: EntityManager,
    member: ConsentHolder,
    changes: ConsentChangesDto,
    ctx: RequestContext,
    opts: { initial?: boolean; bySelf?: boolean } = {},
  ): ConsentKind[] {
    const recorded: ConsentKind[] = [];
    const at = new Date();
    for (const consent of CONSENT_KINDS) {
      const given = changes[consent];
      if (given === undefined || (!opts.initial && member[FIELD[consent]] === given)) continue;
      member[FIELD[consent]] = given;
      em.persist(
        em.create(ConsentRecord, {
          tenantId: member.tenantId,
          memberId: member.id,
          consent,
          given,
          recordedAt: at,
          recordedBy: ctx.actor?.accountId ?? null,
          bySelf: opts.bySelf ?? false,
        }),
      );
      recorded.push(consent);
    }
    return recorded;
  }

  /** Newest first (ids are UUIDv7, so they order records made in the same instant too). */
  async history(scope: TenantScope, memberId: string): Promise<ConsentRecordView[]> {
    const rows = await scope.em.find(
      ConsentRecord,
      { tenantId: scope.tenantId, memberId },
      { orderBy: { id: 'desc' } },
    );
    return rows.map(view);
  }

  /** Erasure: the history of a person's consents is theirs, and goes with them. */
  async forget(em: EntityManager, tenantId: TenantId, memberId: string): Promise<void> {
    await em.nativeDelete(ConsentRecord, { tenantId, memberId });
  }
}
