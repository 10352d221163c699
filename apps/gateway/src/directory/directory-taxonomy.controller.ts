import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { DirectoryClient, TermMappingsDto, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

const NOT_YOURS =
  '404 for a term the region does not see (another region’s), and for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist.';
const SHAPE =
  '`{term: {id, name, code, termUri, taxonomyId, taxonomy, shared}, mappings: [the same, by taxonomy and name]}`';

/**
 * What a term of a region's directory stands for in the region's own taxonomies: an LGA esd list loaded with
 * `npm run directory:load-taxonomy` (ADR 0043).
 */
@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory/taxonomy-terms/:termId/mappings')
export class DirectoryTaxonomyController {
  constructor(private readonly directory: DirectoryClient) {}

  @Get()
  @ApiDoc({
    summary: 'What a taxonomy term is mapped to',
    description: `A term of the region’s directory (one of Hearth’s, \`shared\`, or the region’s own) and the terms of the region’s own taxonomies it is mapped to: ${SHAPE}.`,
    who: 'The region’s admins, directory curators and commissioners.',
    errors: NOT_YOURS,
  })
  get(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('termId') termId: string,
  ) {
    return this.directory.getTermMappings(ctx, regionId, termId);
  }

  @Put()
  @ApiDoc({
    summary: 'Map a taxonomy term to the region’s own terms',
    description: `\`{termIds}\`: the terms of the region’s own taxonomies (an esd list it loaded, such as \`esdServiceType:651\` “Debt counselling”) that this term — one of Hearth’s or the region’s own — stands for; they replace its mappings (\`[]\` takes them away; the same set changes nothing). In the public feed a service with the term also has those terms (as HSDS \`attributes\`), and \`taxonomy_term_id\`/\`taxonomy_id\` of them find it. Written with its change-log entry. Answers ${SHAPE}.`,
    who: 'The region’s admins and directory curators.',
    errors: `400 naming \`termIds\` for a term that is not of the region’s own taxonomies, or the term itself; 403 for the region’s commissioners; ${NOT_YOURS}`,
  })
  @ApiContractBody(TermMappingsDto)
  set(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @UuidParam('termId') termId: string,
    @Body(new ContractPipe(TermMappingsDto)) dto: TermMappingsDto,
  ) {
    return this.directory.setTermMappings(ctx, regionId, termId, dto);
  }
}
