import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WebController } from '../http/web-controller';
import { landingFor } from '../navigation/navigation';
import { SessionAuthService } from '../session/session-auth.service';

@WebController()
export class HomeController {
  constructor(private readonly auth: SessionAuthService) {}

  /**
   * `/` takes each person to where their work is: regions, their LERO, or their account; an admin whose role
   * waits for two-factor sign-in, to setting it up.
   */
  @Get()
  async home(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.auth.viewer(req);
    await reply.redirect(viewer ? landingFor(viewer) : '/sign-in', 302);
  }
}
