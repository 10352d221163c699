import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import {
  AppError,
  TenantsEvents,
  type AcceptInvitationDto,
  type DomainReason,
  type RequestContext,
} from '@hearth/contracts';
import { asTenantId } from '@hearth/persistence';
import { recordEvent } from '@hearth/messaging';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, clockOf, type TenantsOptions } from '../tenants.options';
import { Tenant } from '../leros/tenant.entity';
import { tenantEvent } from '../leros/tenant.view';
import { enabledAdminIds } from '../leros/lero-admins';
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

const gone = (message: string, reason: DomainReason) => new AppError('GONE', message, { reason });

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
    if (!invitation) {
      throw new AppError(
        'VALIDATION',
        'This invitation link is not valid. Ask the person who invited you for a new one.',
        {
          reason: 'InvitationUnknown',
          errors: [{ field: 'token', message: 'is not a valid invitation' }],
        },
      );
    }
    if (invitation.acceptedAt)
      throw gone(
        'This invitation has already been used. Sign in, or ask for a new invitation.',
        'InvitationSpent',
      );
    if (invitation.cancelledAt)
      throw gone(
        'This invitation has been cancelled. Ask for a new one if you need it.',
        'InvitationCancelled',
      );
    if (invitation.expiresAt.getTime() <= now.getTime())
      throw gone(
        'This invitation has expired. Ask the person who invited you for a new one.',
        'InvitationExpired',
      );
    if (invitation.notBefore && invitation.notBefore.getTime() > now.getTime()) {
      throw new AppError(
        'CONFLICT',
        `This appointment takes effect on ${timeInWords(invitation.notBefore)}, after the LERO has been told. Accept it then.`,
        { reason: 'AppointmentPending', takesEffectAt: invitation.notBefore.toISOString() },
      );
    }
    // Spent invitations lose their email when their person is erased; such an invitation was refused above.
    if (invitation.email === null) throw gone('This invitation has already been used.', 'InvitationSpent');
    const email = invitation.email;
    const existing = await this.accounts.findByEmail(em, email);
    if (existing && !(await verifyPassword(existing.passwordHash, dto.password))) {
      throw new AppError(
        'UNAUTHENTICATED',
        'This email already has a Hearth account. Enter that account’s password to accept the invitation.',
        { reason: 'AccountPasswordMismatch' },
      );
    }
    if (existing?.disabledAt) throw accountDisabled();
    refuseOwnInvitation(invitation.invitedBy, existing?.id);
    const passwordHash = existing ? undefined : await hashPassword(dto.password);
    const scoped = invitation.tenantId ? this.db.forTenant(asTenantId(invitation.tenantId)).em : em;
    return scoped.transactional(async (tx) => {
      // Beside an erasure of the record it links, one goes first: an erasure first has removed this
      // invitation (spent below); an acceptance first leaves a grant the erasure then unlinks.
      if (invitation.memberId && invitation.tenantId)
        await this.erased.lock(tx, invitation.tenantId, invitation.memberId);
      const spent = await tx.nativeUpdate(
        Invitation,
        { id: invitation.id, acceptedAt: null, cancelledAt: null },
        { acceptedAt: now },
      );
      if (spent !== 1) throw gone('This invitation has already been used or cancelled.', 'InvitationSpent');
      // Held until this commits: an erasure deleting the account waits and then counts the grant added here;
      // one that went first leaves no account, and a new one is made as if it never was.
      let accountId = existing
        ? (await tx.findOne(Account, { id: existing.id }, { lockMode: LockMode.PESSIMISTIC_READ }))?.id
        : undefined;
      if (!accountId) {
        const account = tx.create(Account, {
          email,
          displayName: dto.displayName.trim(),
          passwordHash: passwordHash ?? (await hashPassword(dto.password)),
          createdAt: now,
        });
        tx.persist(account);
        await tx.flush();
        accountId = account.id;
      }
      await tx.nativeUpdate(Invitation, { id: invitation.id }, { acceptedBy: accountId });
      if (invitation.tenantId) await this.onTenantInvitationAccepted(tx, ctx, invitation, accountId);
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
    accountId: string,
  ) {
    const breakGlass = !!invitation.notBefore;
    const tenant = await tx.findOneOrFail(
      Tenant,
      { id: invitation.tenantId! },
      breakGlass ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    if (tenant.status === 'archived')
      throw new AppError('GONE', 'This LERO has been archived; the invitation no longer works.');
    if (breakGlass && (await enabledAdminIds(tx, tenant.id)).length > 0) {
      throw new AppError(
        'CONFLICT',
        `${tenant.name} has an admin who can sign in again, so this appointment has lapsed.`,
        { reason: 'TenantHasAdmin' },
      );
    }
    const anonymous = { ...ctx, actor: undefined };
    this.audit.record(tx, tenant.id, anonymous, breakGlass ? 'admin.appointed' : 'invitation.accepted', {
      invitationId: invitation.id,
      accountId,
      role: invitation.role,
    });
    if (invitation.role === 'tenant-admin' && tenant.status === 'onboarding') {
      tenant.status = 'active';
      this.audit.record(tx, tenant.id, anonymous, 'tenant.activated', { by: 'first tenant-admin' });
      recordEvent(tx, TenantsEvents.tenantActivated, tenantEvent(tenant), tenant.id);
    }
  }
}
