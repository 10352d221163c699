import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  EVENT_CONSUMERS,
  AppError,
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  validatePayload,
  type DomainEvent,
  type RequestContext,
} from '@hearth/contracts';
import { subject } from '@hearth/auth';
import { DomainEventConsumer, EventConsumerHost, Gather, consumerOf } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { tenantsAbility } from '../tenants.ability';
import { Account } from '../accounts/account.entity';
import { RoleGrant } from '../accounts/role-grant.entity';
import { Invitation } from '../invitations/invitation.entity';
import { ErasedMembersRepository } from './erased-members.repository';

export interface TenantsExportPart {
  /** Sign-in accounts linked to the member record (through a `member` grant of this LERO). */
  accounts: { accountId: string; email: string; displayName: string; linkedAt: string }[];
  /** Invitations of this LERO that named the member record. */
  invitations: {
    email: string;
    role: string;
    createdAt: string;
    expiresAt: string;
    acceptedAt: string | null;
  }[];
}

/**
 * Erasure: the account stays (it is the person's sign-in, not the LERO's record) but is no longer linked to
 * the erased record; an invitation nobody accepted, which holds only the person's email, goes. The tombstone
 * refuses links made after this (an invitation whose check with membership raced the erasure), so the
 * outcome is the same whichever came first.
 */
export async function forgetErasedMember(
  em: EntityManager,
  event: DomainEvent,
  erased: ErasedMembersRepository,
): Promise<void> {
  const { tenantId, memberId } = validatePayload(MemberExportPartRequest, {
    tenantId: (event.data as { tenantId?: unknown }).tenantId,
    memberId: (event.data as { memberId?: unknown }).memberId,
  });
  await erased.lock(em, tenantId, memberId);
  await erased.record(em, tenantId, memberId);
  // Invitations before grants: an acceptance in flight holds its invitation until it commits, so the grant
  // it wrote is there by the time grants are unlinked.
  await em.nativeDelete(Invitation, { tenantId, memberId, acceptedAt: null });
  await em.nativeUpdate(Invitation, { tenantId, memberId }, { memberId: null });
  await em.nativeUpdate(RoleGrant, { tenantId, memberId }, { memberId: null });
}

/** The durable consumer of member erasures, for the module and for tests that drive it directly. */
export const memberErasureConsumer = (db: TenantsDatabase, erased: ErasedMembersRepository) =>
  new DomainEventConsumer({
    ...consumerOf(EVENT_CONSUMERS.tenantsMemberErasure),
    db,
    handle: (em, event) => forgetErasedMember(em, event, erased),
  });

/**
 * The tenants service holds member ids too: `member` grants and member invitations carry `memberId`. It
 * answers for them in a person's data export, and forgets them when the person is erased.
 */
@Injectable()
export class MemberLinksService implements OnModuleInit {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly consumers: EventConsumerHost,
    private readonly gather: Gather,
    private readonly erased: ErasedMembersRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.consumers.register(memberErasureConsumer(this.db, this.erased));
    await this.gather.answer(MEMBER_EXPORT_PART, 'tenants', (ctx, data) => this.exportPart(ctx, data));
  }

  async exportPart(ctx: RequestContext, data: unknown): Promise<TenantsExportPart> {
    const { tenantId, memberId } = validatePayload(MemberExportPartRequest, data);
    if (!tenantsAbility(ctx.actor).can('export', subject('MemberData', { tenantId, memberId }))) {
      throw new AppError('FORBIDDEN', 'You may not export this person’s data.');
    }
    const em = this.db.em();
    const grants = await em.find(
      RoleGrant,
      { tenantId, memberId, role: 'member' },
      { orderBy: { id: 'asc' } },
    );
    const accounts = grants.length
      ? await em.find(Account, { id: { $in: grants.map((g) => g.accountId) } })
      : [];
    const invitations = await em.find(Invitation, { tenantId, memberId }, { orderBy: { id: 'asc' } });
    return {
      accounts: grants.flatMap((g) => {
        const account = accounts.find((a) => a.id === g.accountId);
        return account
          ? [
              {
                accountId: account.id,
                email: account.email,
                displayName: account.displayName,
                linkedAt: g.createdAt.toISOString(),
              },
            ]
          : [];
      }),
      invitations: invitations.map((i) => ({
        email: i.email,
        role: i.role,
        createdAt: i.createdAt.toISOString(),
        expiresAt: i.expiresAt.toISOString(),
        acceptedAt: i.acceptedAt?.toISOString() ?? null,
      })),
    };
  }
}
