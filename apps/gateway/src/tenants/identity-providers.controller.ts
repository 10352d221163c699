import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { IdentityProviderSettingsDto, TenantsClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

const SHAPE =
  '`{id, regionId | tenantId, displayName, issuer, clientId, allowedDomains, domainsVerifiedAt}` (the client secret is never answered)';
const FIELDS =
  '`{displayName, issuer, clientId, clientSecret, allowedDomains}`: the issuer’s discovery document must be reachable over https at a public address; register `<Hearth’s public address>/sign-in/sso/callback` as the redirect address at the provider. The client secret is stored encrypted.';
const WHO = 'The region’s admins and platform admins.';
const NOT_YOURS = '404 for a region or LERO you do not oversee, as for one that does not exist.';

/** Identity providers of a region or a LERO (ADR 80): set up by region admins, domains verified by platform admins. */
@ApiTag('auth')
@ApiBearerAuth()
@Controller('api/v1')
export class IdentityProvidersController {
  constructor(private readonly tenants: TenantsClient) {}

  @Post('regions/:regionId/identity-providers')
  @ApiDoc({
    summary: 'Set up an identity provider for a region',
    description: `${FIELDS} It signs nobody in until a platform admin has verified its domains. Answers ${SHAPE}.`,
    who: WHO,
    errors: `400 naming the field; ${NOT_YOURS}`,
  })
  @ApiContractBody(IdentityProviderSettingsDto)
  createForRegion(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Body(new ContractPipe(IdentityProviderSettingsDto)) dto: IdentityProviderSettingsDto,
  ) {
    return this.tenants.createIdentityProvider(ctx, { ...dto, regionId });
  }

  @Post('tenants/:tenantId/identity-providers')
  @ApiDoc({
    summary: 'Set up an identity provider for a LERO',
    description: `${FIELDS} It signs nobody in until a platform admin has verified its domains. Answers ${SHAPE}.`,
    who: 'The admins of the LERO’s region and platform admins.',
    errors: `400 naming the field; ${NOT_YOURS}`,
  })
  @ApiContractBody(IdentityProviderSettingsDto)
  createForLero(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(IdentityProviderSettingsDto)) dto: IdentityProviderSettingsDto,
  ) {
    return this.tenants.createIdentityProvider(ctx, { ...dto, tenantId });
  }

  @Get('regions/:regionId/identity-providers')
  @ApiDoc({
    summary: 'A region’s identity providers',
    description: `Answers \`{items: [${SHAPE}]}\`.`,
    who: WHO,
    errors: NOT_YOURS,
  })
  listForRegion(@Context() ctx: RequestContext, @UuidParam('regionId') regionId: string) {
    return this.tenants.listIdentityProviders(ctx, { regionId });
  }

  @Get('tenants/:tenantId/identity-providers')
  @ApiDoc({
    summary: 'A LERO’s identity providers',
    description: `Answers \`{items: [${SHAPE}]}\`.`,
    who: WHO,
    errors: NOT_YOURS,
  })
  listForLero(@Context() ctx: RequestContext, @UuidParam('tenantId') tenantId: string) {
    return this.tenants.listIdentityProviders(ctx, { tenantId });
  }

  @Post('regions/:regionId/identity-providers/:providerId/domain-verification')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Verify a region’s identity provider’s domains',
    description: `After checking that the region controls every allowed domain: from now on the provider signs people in. Answers ${SHAPE}.`,
    who: 'Platform admins.',
    errors: `403 \`PlatformAdminOnly\` for the region’s admins; 404 for a provider not of this region; ${NOT_YOURS}`,
  })
  verifyForRegion(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('providerId') providerId: string,
  ) {
    return this.tenants.verifyIdentityProviderDomains(ctx, { regionId, providerId });
  }

  @Post('tenants/:tenantId/identity-providers/:providerId/domain-verification')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Verify a LERO’s identity provider’s domains',
    description: `After checking that the LERO controls every allowed domain: from now on the provider signs people in. Answers ${SHAPE}.`,
    who: 'Platform admins.',
    errors: `403 \`PlatformAdminOnly\` for the region’s admins; 404 for a provider not of this LERO; ${NOT_YOURS}`,
  })
  verifyForLero(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('providerId') providerId: string,
  ) {
    return this.tenants.verifyIdentityProviderDomains(ctx, { tenantId, providerId });
  }

  @Delete('regions/:regionId/identity-providers/:providerId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Remove a region’s identity provider',
    description: 'Its links to accounts go with it; those people sign in with their passwords. Answers 204.',
    who: WHO,
    errors: `404 for a provider not of this region; ${NOT_YOURS}`,
  })
  async removeForRegion(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('providerId') providerId: string,
  ): Promise<void> {
    await this.tenants.deleteIdentityProvider(ctx, { regionId, providerId });
  }

  @Delete('tenants/:tenantId/identity-providers/:providerId')
  @HttpCode(204)
  @ApiDoc({
    summary: 'Remove a LERO’s identity provider',
    description: 'Its links to accounts go with it; those people sign in with their passwords. Answers 204.',
    who: WHO,
    errors: `404 for a provider not of this LERO; ${NOT_YOURS}`,
  })
  async removeForLero(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('providerId') providerId: string,
  ): Promise<void> {
    await this.tenants.deleteIdentityProvider(ctx, { tenantId, providerId });
  }
}
