import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ImportPassportDto, PassportQuery, VolunteeringClient, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody, ApiContractQuery } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

const STAFF = 'The LERO’s tenant-admins and coordinators.';
const CREDENTIAL_SHAPE = '`{id, kind: passport | training, trainingId, issuedAt, expiresAt, revokedAt}`';

/** The volunteer's signed passport, and what the LERO does with passports (ADR 0056). */
@ApiTag('volunteering')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/volunteering')
export class VolunteeringPassportsController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Get('me/passport')
  @ApiDoc({
    summary: 'My volunteer passport',
    description:
      'A signed passport of the caller’s own volunteering with this LERO: an Open Badges 3.0 `OpenBadgeCredential` ' +
      'as VC-JWT (ES256, `typ: vc+jwt`, `kid` of a key at `/.well-known/jwks.json`). It holds only what the ' +
      'volunteer chose — `training` (`all` unless given, `none`, or record ids), `checks` (`none` unless given: a ' +
      'DBS check is criminal-offence data; `all` or record ids), `roles` and `hours` (approved, by role and year; each ' +
      '`include` unless `omit`) — with their ' +
      'display name and the LERO’s name and address: no contact details, no member id. Answers `{passport, id, ' +
      'expiresAt, claims, credentials: [{id, kind, trainingId, name, credential}]}`: `claims` is exactly what the ' +
      'passport reveals; each training or check is also its own OpenBadgeCredential for a wallet.',
    who: 'A member whose account is linked to their member record and whose community roles include volunteer.',
    errors:
      '400 naming `training` or `checks` (a record that is not one of the caller’s valid ones); 403 for an account ' +
      'with no member record here; 404 for other LEROs’ people; 409 `NotAVolunteer`.',
  })
  @ApiContractQuery(PassportQuery)
  passport(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Query(new ContractPipe(PassportQuery)) query: PassportQuery,
  ) {
    return this.volunteering.issuePassport(ctx, tenantId, query);
  }

  @Post('volunteers/:memberId/training/import')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Accept a volunteer’s training from their passport',
    description:
      '`{passport, trainingMap?}`: a passport (or one training credential) the volunteer gave the LERO — their ' +
      'consent — verified first (only a `valid` one is read). Each achievement becomes a record ' +
      '`how: accepted-from-passport` noting its issuer, of the catalogue item `trainingMap` (achievement id → ' +
      'training id) names, else the one item of the same name and kind; expiry follows this LERO’s catalogue. ' +
      'Answers `{issuer: {id, name}, items: [{achievementId, name, recordId?, trainingId?, skipped?: ' +
      'no-matching-training | expired | already-recorded}]}`.',
    who: STAFF,
    errors:
      '400 naming `passport` (not valid: its status says why) or `trainingMap`; 403 for volunteers and members; ' +
      '404 for a member this LERO does not know; 409 `NotAVolunteer`.',
  })
  @ApiContractBody(ImportPassportDto)
  import(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
    @Body(new ContractPipe(ImportPassportDto)) dto: ImportPassportDto,
  ) {
    return this.volunteering.importPassport(ctx, tenantId, memberId, dto);
  }

  @Get('volunteers/:memberId/credentials')
  @ApiDoc({
    summary: 'Passports and credentials issued to a volunteer',
    description: `Newest first (at most 200), each ${CREDENTIAL_SHAPE}: what they were of, never their content.`,
    who: STAFF,
    errors: '403 for volunteers and members; 404 for other LEROs’ people.',
  })
  credentials(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('memberId') memberId: string,
  ) {
    return this.volunteering.listCredentials(ctx, tenantId, memberId);
  }

  @Post('credentials/:credentialId/revoke')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Revoke a passport or credential the LERO issued',
    description:
      `Sets its bit on the LERO’s Bitstring Status List: every verifier then finds it \`revoked\`. Revoking again ` +
      `changes nothing. Answers ${CREDENTIAL_SHAPE}.`,
    who: STAFF,
    errors: '403 for volunteers and members; 404 for a credential this LERO did not issue.',
  })
  revoke(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @UuidParam('credentialId') credentialId: string,
  ) {
    return this.volunteering.revokeCredential(ctx, tenantId, credentialId);
  }
}
