import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  DirectoryClient,
  RecordSignpostDto,
  SIGNPOST_MAX_AGE_DAYS,
  type RequestContext,
} from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';

/** A LERO's signposts: counted without case files (ADR 0039). */
@ApiTag('directory')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId/signposts')
export class SignpostsController {
  constructor(private readonly directory: DirectoryClient) {}

  @Post()
  @ApiDoc({
    summary: 'Record a signpost: someone was pointed to help',
    description: `\`{taxonomyTermId, serviceId?, channel, date?}\`: what kind of help (a term of Hearth’s taxonomy or the region’s own, as \`/taxonomy_terms\` of the region’s feed lists them), perhaps one active listing of the region’s directory, \`channel\` \`in-person\`, \`phone\` or \`online\`, and the day (today in the UK unless given; at most ${SIGNPOST_MAX_AGE_DAYS} days back, never ahead). Nothing about the person and no free text: any other field is refused. Stored with a random id and the day only, never a time, with an \`evt.directory.signpost.recorded\` event: reporting counts it as \`signposts\` by category. Answers \`{id, taxonomyTermId, serviceId, channel, date}\`.`,
    who: 'The LERO’s tenant-admins, coordinators and volunteers.',
    errors:
      '400 naming each field refused: an unknown field, a channel not listed, a date in the future or too long ago, a term the region cannot see, a service that is not an active listing of the region; 403 for its members; 404 for region and platform staff and other LEROs’ people.',
  })
  @ApiContractBody(RecordSignpostDto)
  record(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Body(new ContractPipe(RecordSignpostDto)) dto: RecordSignpostDto,
  ) {
    return this.directory.recordSignpost(ctx, tenantId, dto);
  }
}
