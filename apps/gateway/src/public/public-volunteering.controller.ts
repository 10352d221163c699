import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { PublicRolesRequest, VolunteeringClient, type RequestContext } from '@hearth/contracts';
import { Public } from '@hearth/auth';
import { ContractPipe } from '@hearth/platform';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context } from '../http/request-context';

/** No sign-in: the volunteering roles an active LERO opens to anyone (ADR 0058). */
@ApiTag('public')
@ApiParam({ name: 'slug', description: 'The LERO’s short name', schema: { type: 'string', maxLength: 60 } })
@Public()
@Controller('api/v1/public/leros/:slug')
export class PublicVolunteeringController {
  constructor(private readonly volunteering: VolunteeringClient) {}

  @Get('volunteering')
  @ApiDoc({
    summary: 'A LERO’s public volunteering roles',
    description:
      'The LERO’s open roles whose visibility is `public`, oldest first (at most 200): `{lero: {name, slug}, items: [{id, title, description, whatYoullDo, skills, where, requirements: [{name, kind}]}]}`. Members-only and closed roles never appear, nor does anyone who volunteers. To get involved a person contacts the LERO.',
    who: 'Anyone, without signing in.',
    errors:
      '404 for a slug that is not an active LERO’s (onboarding, suspended and archived LEROs have no public pages).',
  })
  roles(
    @Context() ctx: RequestContext,
    @Param(new ContractPipe(PublicRolesRequest)) { slug }: PublicRolesRequest,
  ) {
    return this.volunteering.publicRoles(ctx, slug);
  }
}
