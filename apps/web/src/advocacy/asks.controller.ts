import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { cursorOf } from '../directory/curator-view';
import { SignedIn, SignedInForm } from '../http/guards';
import type { WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { readsAsksOf } from '../navigation/navigation';
import type { Viewer } from '../session/web-session';
import { AskScreens, Asks, type AsksPage } from './ask-pages';

/** Its admins and coordinators keep the LERO's asks; its members read the public ones; volunteers read the public page. */
const readsAsks = (viewer: Viewer, lero: TenantView) => readsAsksOf(viewer, lero.id);

/**
 * Asks, "you said, we did" (ADR 0070). A LERO's: its staff raise them and keep their timelines; its members read the
 * public ones (the API shows them no other). A region's own, raised by its admins on behalf of its LEROs together:
 * the same screens, its admins only (the page's rule is the LERO's; the region's is `AsksPagePipe`'s).
 */
@WebController(['leros/:tenantId/asks', 'regions/:regionId/asks'])
export class AdvocacyAsksController {
  constructor(private readonly screens: AskScreens) {}

  @Get()
  @SignedIn()
  list(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Asks(readsAsks) page: AsksPage,
    @Query('cursor') cursor?: unknown,
  ) {
    return this.screens.list(req, reply, page, cursorOf(cursor));
  }

  @Get('new')
  @SignedIn()
  newAsk(@Req() req: WebRequest, @Res() reply: FastifyReply, @Asks('staff') page: AsksPage) {
    return this.screens.newForm(req, reply, page);
  }

  @Post()
  @SignedInForm()
  create(@Req() req: WebRequest, @Res() reply: FastifyReply, @Asks('staff') page: AsksPage) {
    return this.screens.create(req, reply, page);
  }

  @Get(':askId')
  @SignedIn()
  show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Asks(readsAsks) page: AsksPage,
    @uuidParam('askId') askId: string,
  ) {
    return this.screens.show(req, reply, page, askId);
  }

  @Post(':askId/updates')
  @SignedInForm()
  addUpdate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Asks('staff') page: AsksPage,
    @uuidParam('askId') askId: string,
  ) {
    return this.screens.addUpdate(req, reply, page, askId);
  }

  @Get(':askId/edit')
  @SignedIn()
  edit(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Asks('staff') page: AsksPage,
    @uuidParam('askId') askId: string,
  ) {
    return this.screens.editForm(req, reply, page, askId);
  }

  @Post(':askId/edit')
  @SignedInForm()
  change(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Asks('staff') page: AsksPage,
    @uuidParam('askId') askId: string,
  ) {
    return this.screens.change(req, reply, page, askId);
  }
}
