import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import {
  EVENT_CONSUMERS,
  AppError,
  MEMBER_EXPORT_PART,
  MemberExportPartRequest,
  MembershipEvents,
  validatePayload,
  type RequestContext,
  type TypedDomainEvent,
} from '@hearth/contracts';
import { subject } from '@hearth/auth';
import { DomainEventConsumer, EventConsumerHost, Gather, consumerOf } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { tenantsAbility } from '../tenants.ability';
import { Account } from '../accounts/account.entity';
import { RoleGrant } from '../accounts/role-grant.entity';
import { Invitation } from '../invitations/invitation.entity';
import { pendingWhere, spentWhere } from '../invitations/invitation-state';
import { forgetSignInFailures } from '../sessions/sign-in-failures.repository';
import { revokeSessions } from '../sessions/sessions.repository';
import { ErasedMembersRepository } from '../invitations/erased-members.repository';

export interface TenantsExportPart {
  /** Sign-in accounts linked to the member record (through a `member` grant of this LERO). */
  accounts: { accountId: string; email: string; displayName: string; linkedAt: string }[];
  /** Invitations of this LERO that named the member record. */
  invitations: {
    /** Null for a spent invitation whose person was erased (not a part anyone can ask for again). */
    email: string | null;
    role: string;
    createdAt: string;
    expiresAt: string;
    acceptedAt: string | null;
  }[];
}

/**
 * Erasure reaches the person's sign-in too (ADR 0019). The account linked to the record through this LERO's
 * `member` grant is deleted if that is all it holds (its sign-ins, second factor, reset links and failed
 * sign-ins go with it); one that holds any other role keeps it but loses the link and its sign-ins. An
 * invitation still waiting to be taken goes; a spent one (accepted, cancelled, expired) that named the record,
 * or was sent to the person's emails, keeps its row for the LERO's history but loses the email. The tombstone
 * refuses links made after this (an invitation whose check with membership raced the erasure), so the outcome
 * is the same whichever came first.
 */
export async function forgetErasedMember(
  em: EntityManager,
  event: TypedDomainEvent,
  erased: ErasedMembersRepository,
  now: Date = new Date(),
): Promise<void> {
  if (event.subject !== MembershipEvents.memberErased) return;
  const { tenantId, memberId } = event.data;
  await erased.lock(em, tenantId, memberId);
  await erased.record(em, tenantId, memberId);
  // An acceptance of an invitation naming the record takes the same lock, so its grant is here (or its
  // invitation not yet spent) by now.
  const named = await em.find(Invitation, { tenantId, memberId });
  const links = await em.find(RoleGrant, { tenantId, memberId });
  // Locked before their grants are counted: an acceptance adding a role to one of these accounts holds it
  // (for share) until it commits, so a grant it adds is either counted here or added to no account.
  const accounts = links.length
    ? await em.find(
        Account,
        { id: { $in: [...new Set(links.map((g) => g.accountId))] } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      )
    : [];
  const emails = [...new Set([...named.map((i) => i.email), ...accounts.map((a) => a.email)])].filter(
    (e): e is string => e !== null,
  );
  await em.nativeDelete(Invitation, { tenantId, memberId, ...pendingWhere(now) });
  await em.nativeUpdate(Invitation, { tenantId, memberId }, { memberId: null, email: null });
  if (emails.length > 0)
    await em.nativeUpdate(
      Invitation,
      { tenantId, email: { $in: emails }, $or: spentWhere(now) },
      { email: null },
    );
  for (const account of accounts) {
    const others = await em.count(RoleGrant, {
      accountId: account.id,
      id: { $nin: links.map((g) => g.id) },
    });
    if (others === 0) {
      await em.nativeDelete(Account, { id: account.id });
      await forgetSignInFailures(em, account.email);
    } else {
      await em.nativeDelete(RoleGrant, { accountId: account.id, tenantId, memberId });
      await revokeSessions(em, account.id, now);
    }
  }
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
