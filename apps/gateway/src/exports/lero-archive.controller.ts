import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '@hearth/contracts';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { asDownload } from '../reports/download.util';
import { LeroArchiveService } from './lero-archive.service';

/** A LERO's whole archive, for a LERO leaving Hearth (or keeping its own copy): its tenant-admins only. */
@ApiTags('exports')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId')
export class LeroArchiveController {
  constructor(private readonly archive: LeroArchiveService) {}

  @Get('export.zip')
  @ApiOperation({
    summary: 'All of a LERO’s data as one zip of CSV files',
    description:
      'Members, consents, activities, sessions, RSVPs, attendance and the LERO’s own exact figures by month, ' +
      'with a README and a manifest (written last). For the LERO’s tenant-admins only; each download is ' +
      'recorded in the LERO’s activity log (`tenant.exported`). Sent as it is made: a refusal or a service ' +
      'that is down answers problem+json before anything is sent; a failure after that breaks the download ' +
      '(the zip has no directory) rather than finish it with a gap. Cells starting with `=`, `+`, `-` or `@` ' +
      "are prefixed with `'`.",
  })
  @ApiProduces('application/zip')
  async download(
    @Context() ctx: RequestContext,
    @UuidParam('tenantId') tenantId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { fileName, stream } = await this.archive.open(ctx, tenantId);
    asDownload(reply, fileName, 'zip');
    await reply.send(stream);
  }
}
