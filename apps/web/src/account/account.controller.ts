import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Grant } from '@hearth/contracts';
import { HearthApi } from '../api/hearth-api';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { describeGrant } from '../navigation/navigation';
import { CurrentViewer, SignedIn } from '../session/guards';
import { callContext } from '../session/session-auth.service';
import type { Viewer } from '../session/web-session';

@WebController('account')
export class AccountController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  /** Who you are and what your grants let you do, in words, with the names of the places they reach. */
  @Get()
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
  ): Promise<void> {
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const [me, regions, tenants] = await Promise.all([
      calls.me(),
      calls.regions(),
      calls.tenants({ limit: 100 }),
    ]);
    const names = {
      regions: new Map(regions.items.map((r) => [r.id, r.name])),
      tenants: new Map(tenants.items.map((t) => [t.id, t.name])),
    };
    const grants = (me.grants as Grant[]).map((g) => describeGrant(g, names));
    await this.pages.render(req, reply, 'account', { me, grants });
  }
}
