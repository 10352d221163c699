import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { VerifyPassportDto, VolunteeringClient, type RequestContext } from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

/** No sign-in: checking a passport, this deployment's passport keys and its LEROs' status lists (ADR 0056). */
@ApiTag('volunteering')
@Public()
@Controller()
export class PassportVerificationController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Post('api/v1/volunteering/passports/verify')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Verify a volunteer passport or credential',
    description:
      '`{passport}` (a compact JWS) → `{status: valid | expired | revoked | unknown-issuer | invalid, reason?, ' +
      'claims?}`. Checked against this deployment’s passport keys (retired ones too) and those of the Hearth ' +
      'deployments it trusts, with the issuer’s Bitstring Status List. `claims` (the credential) whenever the ' +
      'signature holds. Garbage or a tampered passport is `invalid`, never an error; an access token is not a ' +
      'passport.',
    who: 'Anyone, without signing in.',
    errors: '400 naming `passport` when it is missing or longer than 65,536 characters.',
  })
  @ApiContractBody(VerifyPassportDto)
  verify(@Context() ctx: RequestContext, @Body(new ContractPipe(VerifyPassportDto)) dto: VerifyPassportDto) {
    return this.volunteering.verifyPassport(ctx, dto.passport);
  }

  @Get('.well-known/jwks.json')
  @ApiDoc({
    summary: 'The passport keys (JWKS)',
    description:
      'The public keys that sign this deployment’s volunteer passports and status lists (RFC 7517), each with ' +
      'its `kid`: the current one and those a rotation retired, so a passport signed before still verifies. ' +
      'Never the key of access tokens.',
    who: 'Anyone, without signing in.',
  })
  @Header('cache-control', 'public, max-age=300')
  jwks(@Context() ctx: RequestContext) {
    return this.volunteering.passportKeys(ctx);
  }

  @Get('api/v1/public/volunteering/issuers/:tenantId/status-lists/:listId')
  @ApiDoc({
    summary: 'A LERO’s status list of revoked passports',
    description:
      'A W3C `BitstringStatusListCredential` as VC-JWT (`application/vc+jwt`): 131,072 entries, GZIP and ' +
      'base64url, a set bit for each revoked credential. It names no one.',
    who: 'Anyone, without signing in.',
    errors: '404 for a list that does not exist.',
  })
  @ApiProduces('application/vc+jwt')
  @Header('content-type', 'application/vc+jwt')
  @Header('cache-control', 'public, max-age=60')
  async statusList(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('listId') listId: string,
  ): Promise<string> {
    return (await this.volunteering.statusList(ctx, tenantId, listId)).credential;
  }
}
