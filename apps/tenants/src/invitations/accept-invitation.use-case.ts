import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { TenantsEvents, type AcceptInvitationDto, type RequestContext } from '@hearth/contracts';
import type { TenantId } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { Tenant } from '../leros/tenant.entity';
import { tenantEvent } from '../leros/tenant.view';
import { tenantIdOfPresentedInvitation } from '../tenants-access';
import { Account } from '../accounts/account.entity';
import { AccountsRepository } from '../accounts/accounts.repository';
import { hashPassword, verifyPassword } from '../accounts/password.util';
import { accountDisabled } from '../accounts/accounts.exception';
import { AuditService } from '../audit/audit.service';
import { hashSecretToken } from '../secret-token.util';
import { timeInWords } from '../time-in-words.util';
import { Invitation } from './invitation.entity';
import { refuseOwnInvitation } from './self-grant';
import { ErasedMembersRepository } from './erased-members.repository';
import {
  accountPasswordMismatch,
  appointmentLapsed,
  appointmentPending,
  invitationCancelled,
  invitationExpired,
  invitationLeroArchived,
  invitationUnknown,
  invitationUsed,
  invitationUsedErased,
  invitationUsedOrCancelled,
} from './invitations.exception';

/** Accepting an invitation: a new account, or a new role for an existing one (with its password). */
@Injectable()
export class AcceptInvitationUseCase {
  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditService,
    private readonly erased: ErasedMembersRepository,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async accept(ctx: RequestContext, dto: AcceptInvitationDto): Promise<{ accountId: string }> {
    const em = this.db.em();
    const now = clockOf(this.options);
    const invitation = await em.findOne(Invitation, { tokenHash: hashSecretToken(dto.token) });
    if (!invitation) throw invitationUnknown();
    if (invitation.acceptedAt) throw invitationUsed();
    if (invitation.cancelledAt) throw invitationCancelled();
    if (invitation.expiresAt.getTime() <= now.getTime()) throw invitationExpired();
    if (invitation.notBefore && invitation.notBefore.getTime() > now.getTime())
      throw appointmentPending(invitation.notBefore, timeInWords(invitation.notBefore));
    // Spent invitations lose their email when their person is erased; such an invitation was refused above.
    if (invitation.email === null) throw invitationUsedErased();
    const email = invitation.email;
    const existing = await this.accounts.findByEmail(em, email);
    if (existing && !(await verifyPassword(existing.passwordHash, dto.password)))
      throw accountPasswordMismatch();
    if (existing?.disabledAt) throw accountDisabled();
    refuseOwnInvitation(invitation.invitedBy, existing?.id);
    const passwordHash = existing
      ? undefined
      : await hashPassword(dto.password, this.options.passwordHashCost);
    const tenantId = tenantIdOfPresentedInvitation(invitation);
    const scoped = tenantId ? this.db.forTenant(tenantId).em : em;
    return scoped.transactional(async (tx) => {
      // Beside an erasure of the record it links, one goes first: an erasure first has removed this
      // invitation (spent below); an acceptance first leaves a grant the erasure then unlinks.
      if (invitation.memberId && tenantId) await this.erased.lock(tx, tenantId, invitation.memberId);
      const spent = await tx.nativeUpdate(
        Invitation,
        { id: invitation.id, acceptedAt: null, cancelledAt: null },
        { acceptedAt: now },
      );
      if (spent !== 1) throw invitationUsedOrCancelled();
      // Held until this commits: an erasure deleting the account waits and then counts the grant added here;
      // one that went first leaves no account, and a new one is made as if it never was.
      let accountId = existing
        ? (await tx.findOne(Account, { id: existing.id }, { lockMode: LockMode.PESSIMISTIC_READ }))?.id
        : undefined;
      if (!accountId) {
        const account = tx.create(Account, {
          email,
          displayName: dto.displayName.trim(),
          passwordHash: passwordHash ?? (await hashPassword(dto.password, this.options.passwordHashCost)),
          createdAt: now,
        });
        tx.persist(account);
        await tx.flush();
        accountId = account.id;
      }
      await tx.nativeUpdate(Invitation, { id: invitation.id }, { acceptedBy: accountId });
      if (tenantId) await this.onTenantInvitationAccepted(tx, ctx, invitation, tenantId, accountId);
      await this.accounts.addGrant(tx, {
        accountId,
        role: invitation.role,
        ...(invitation.tenantId ? { tenantId: invitation.tenantId } : { regionId: invitation.regionId }),
        ...(invitation.memberId ? { memberId: invitation.memberId } : {}),
      });
      return { accountId };
    });
  }

  /**
   * The first tenant-admin to accept opens the LERO's space: onboarding → active. A break-glass appointment
   * lapses if the LERO has an enabled admin again by the time it is accepted.
   */
  private async onTenantInvitationAccepted(
    tx: EntityManager,
    ctx: RequestContext,
    invitation: Invitation,
    tenantId: TenantId,
    accountId: string,
  ) {
    const breakGlass = !!invitation.notBefore;
    const tenant = await tx.findOneOrFail(
      Tenant,
      { id: tenantId },
      breakGlass ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    if (tenant.status === 'archived') throw invitationLeroArchived();
    if (breakGlass && (await this.accounts.enabledAdminIds(tx, tenant.id)).length > 0)
      throw appointmentLapsed(tenant.name);
    const anonymous = { ...ctx, actor: undefined };
    this.audit.record(tx, tenantId, anonymous, breakGlass ? 'admin.appointed' : 'invitation.accepted', {
      invitationId: invitation.id,
      accountId,
      role: invitation.role,
    });
    if (invitation.role === 'tenant-admin' && tenant.status === 'onboarding') {
      tenant.status = 'active';
      this.audit.record(tx, tenantId, anonymous, 'tenant.activated', { by: 'first tenant-admin' });
      recordEvent(tx, TenantsEvents.tenantActivated, tenantEvent(tenant), tenantId);
    }
  }
}
