import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { RequestContext } from '@hearth/contracts';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';
import { TenantScoped } from '../http/tenant-access.guard';
import { asDownload } from '../reports/download.util';
import { LeroArchiveService } from './lero-archive.service';

/** A LERO's whole archive, for a LERO leaving Hearth (or keeping its own copy): its tenant-admins only. */
@ApiTag('tenants')
@ApiBearerAuth()
@TenantScoped()
@Controller('api/v1/tenants/:tenantId')
export class LeroArchiveController {
  constructor(private readonly archive: LeroArchiveService) {}

  @Get('export.zip')
  @ApiDoc({
    summary: 'All of a LERO’s data as one zip of CSV files',
    description:
      'Members, consents, activities, sessions, RSVPs, attendance and the LERO’s own exact figures by month, ' +
      'with a README and a manifest (written last). Each download is recorded in the LERO’s activity log ' +
      '(`tenant.exported`). Sent as it is made: a refusal or a service that is down answers problem+json before ' +
      'anything is sent; a failure after that breaks the download (the zip has no directory and no manifest) ' +
      "rather than finish it with a gap. Cells starting with `=`, `+`, `-` or `@` are prefixed with `'`.",
    who: 'The LERO’s tenant-admins, while the LERO is open to its team.',
    errors:
      '403 for the LERO’s other roles and for region and platform staff (person-level data stays in the LERO); ' +
      '503 when a service that holds a part is unavailable (nothing is sent; the attempt is still recorded).',
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
