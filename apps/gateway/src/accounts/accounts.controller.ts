import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { TenantsClient, type RequestContext } from '@hearth/contracts';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

/** Accounts themselves: disabling and enabling (platform admins), and an admin's password reset. */
@ApiTag('accounts')
@ApiBearerAuth()
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly tenants: TenantsClient) {}

  @Post(':accountId/disable')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Disable an account',
    description:
      'Its sign-ins end at once and signing in, refreshing and accepting invitations are refused (`AccountDisabled`) until it is enabled again. Its roles are kept. Answers 204.',
    who: 'Platform admins.',
    errors: '403 `PlatformAdminOnly` for anyone else; 403 `SelfDisable` for your own account.',
  })
  async disable(@Context() ctx: RequestContext, @UuidParam('accountId') accountId: string): Promise<void> {
    await this.tenants.disableAccount(ctx, accountId);
  }

  @Post(':accountId/enable')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Enable a disabled account again',
    description: 'The account can sign in again, with the roles it had. Answers 204.',
    who: 'Platform admins.',
    errors: '403 `PlatformAdminOnly` for anyone else.',
  })
  async enable(@Context() ctx: RequestContext, @UuidParam('accountId') accountId: string): Promise<void> {
    await this.tenants.enableAccount(ctx, accountId);
  }

  @Post(':accountId/password-reset')
  @ApiDoc({
    summary: 'Reset the password of someone in your LERO',
    description:
      'For a person who forgot theirs: the old password stops working at once, every sign-in ends and the account’s links to identity providers are removed (made again with the new password). A reset link, valid for a day, goes to the account’s email; the answer has `expiresAt`, and `token` for you to pass on only when this deployment sends no email. The person chooses a new password with `POST /api/v1/auth/password-reset`.',
    who: 'A tenant-admin, for an account whose every role is in their LERO (someone with a role elsewhere changes their own).',
    errors:
      '403 `LeroAdminsOnly` for anyone who is no LERO’s admin; 403 `GrantsOutsideLero` when the person has roles outside your LERO; 403 `SelfReset` for your own account (change it with `POST /api/v1/auth/password`); 404 for an account with no role in your LERO.',
  })
  requestPasswordReset(@Context() ctx: RequestContext, @UuidParam('accountId') accountId: string) {
    return this.tenants.requestPasswordReset(ctx, accountId);
  }
}
