import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Pages } from '../http/pages';
import { WebController } from '../http/web-controller';

/** The full privacy notice, for anyone (signed in or not): the invitation page and every footer link to it. */
@WebController('privacy')
export class PrivacyController {
  constructor(private readonly pages: Pages) {}

  @Get()
  async notice(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.pages.render(req, reply, 'privacy');
  }
}
