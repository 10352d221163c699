import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantsClient, type RequestContext } from '@hearth/contracts';
import { Context, UuidParam } from '../http/request-context';

/** Accounts themselves: disabling and enabling (platform admins), and an admin's password reset. */
@ApiTags('accounts')
@ApiBearerAuth()
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly tenants: TenantsClient) {}

  @Post(':accountId/disable')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disable an account (platform admins; 204)',
    description: 'Its sign-ins end at once, sign-in and refresh are refused; its roles are kept.',
  })
  async disable(@Context() ctx: RequestContext, @UuidParam('accountId') accountId: string): Promise<void> {
    await this.tenants.disableAccount(ctx, accountId);
  }

  @Post(':accountId/enable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Enable a disabled account again (platform admins; 204)' })
  async enable(@Context() ctx: RequestContext, @UuidParam('accountId') accountId: string): Promise<void> {
    await this.tenants.enableAccount(ctx, accountId);
  }

  @Post(':accountId/password-reset')
  @ApiOperation({
    summary: 'Reset the password of someone whose every role is in your LERO (its tenant-admins)',
    description:
      'The old password stops working and every sign-in ends; the link goes to the account’s email. `token` is in the answer only when no SMTP is configured.',
  })
  requestPasswordReset(@Context() ctx: RequestContext, @UuidParam('accountId') accountId: string) {
    return this.tenants.requestPasswordReset(ctx, accountId);
  }
}
