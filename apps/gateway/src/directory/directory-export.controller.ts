import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '@hearth/contracts';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { asDownload } from '../reports/download.util';
import { DirectoryExportService } from './directory-export.service';

const READERS = 'The region’s admins, directory curators and commissioners.';
const ERRORS =
  '404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist; 503 when the directory is unavailable (nothing is sent).';
const WHOLE =
  'Every listing of the region whatever its status (HSDS `status`: `active`, `inactive`, `defunct` for retired), its organisations, places and Hearth’s and the region’s taxonomies; never the change log or where a listing was imported from. Sent as it is made: a failure after the first byte breaks the download rather than end it with a gap.';

/** A region's whole directory as HSDS, to keep or to load elsewhere (ADR 0041). */
@ApiTag('directory')
@ApiBearerAuth()
@Controller('api/v1/regions/:regionId/directory')
export class DirectoryExportController {
  constructor(private readonly exports: DirectoryExportService) {}

  @Get('export.json')
  @ApiDoc({
    summary: 'The region’s directory as one HSDS JSON file',
    description: `\`{format: "HSDS", version: "3.0", profile, region_id, exported_at, services: [each as \`/services/{id}\` of the feed answers it], organizations, taxonomies, taxonomy_terms}\`. ${WHOLE}`,
    who: READERS,
    errors: ERRORS,
  })
  @ApiProduces('application/json')
  async json(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Res() reply: FastifyReply,
  ) {
    const { fileName, stream } = await this.exports.json(ctx, regionId);
    void reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store');
    await reply.send(stream);
  }

  @Get('export.zip')
  @ApiDoc({
    summary: 'The region’s directory as HSDS tabular CSV files (zip)',
    description: `One CSV file per HSDS table (\`organizations\`, \`services\`, \`locations\`, \`addresses\`, \`accessibility\`, \`service_at_locations\`, \`schedules\`, \`contacts\`, \`phones\`, \`service_areas\`, \`cost_options\`, \`languages\`, \`attributes\`, \`taxonomies\`, \`taxonomy_terms\`) with HSDS column names, UTF-8, and a \`datapackage.json\` (Frictionless tabular data package) written last. ${WHOLE}`,
    who: READERS,
    errors: ERRORS,
  })
  @ApiProduces('application/zip')
  async zip(
    @Context() ctx: RequestContext,
    @UuidParam('regionId') regionId: string,
    @Res() reply: FastifyReply,
  ) {
    const { fileName, stream } = await this.exports.zip(ctx, regionId);
    asDownload(reply, fileName, 'zip');
    await reply.send(stream);
  }
}
