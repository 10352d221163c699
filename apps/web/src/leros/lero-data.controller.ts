import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { sendApiFile } from '../http/api-file';
import type { Viewer } from '../session/web-session';

/** A LERO's whole archive is for its admins only (ADR 0034); the API decides too. */
export const administers = (viewer: Viewer, lero: TenantView) =>
  viewer.grants.some((g) => g.tenantId === lero.id && g.role === 'tenant-admin');

/**
 * All of a LERO's data in one download, for a LERO leaving Hearth or keeping its own copy: a page that says
 * what the archive holds and how to keep it, and the download itself, a form post (it is recorded in the
 * LERO's activity log, so no link prefetch or other site may start one).
 */
@WebController('leros/:tenantId/data')
export class LeroDataController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) { lero }: LeroPage,
  ): Promise<void> {
    await this.pages.render(req, reply, 'leros/data', { lero });
  }

  @Post()
  @SignedInForm()
  async download(@Res() reply: FastifyReply, @Lero(administers) { lero, calls }: LeroPage): Promise<void> {
    await sendApiFile(reply, await calls.leroArchive(lero.id));
  }
}
