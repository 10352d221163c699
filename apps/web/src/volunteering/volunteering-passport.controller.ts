import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HearthApi } from '../api/hearth-api';
import { VolunteeringApi } from '../api/volunteering-api';
import { sendApiFile } from '../http/api-file';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { pathUuid } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageForbidden } from '../http/web-errors';
import { callContext, SessionAuthService } from '../session/session-auth.service';
import {
  choiceBoxes,
  choicesQuery,
  heldItems,
  issuedView,
  readChoices,
  revealList,
} from './passport-choices';
import { Volunteering, volunteerMemberId, type VolunteeringPage } from './volunteering-page';

/**
 * A volunteer's passport and letter of volunteering (ADR 0064): one form chooses what to include (each valid training
 * and check one by one) and says exactly what that reveals, item by item, before anything is issued; "Issue" shows
 * the passport, its check link's QR code and its training credentials as files; "Download letter (PDF)" is the same
 * choices as a letter. Only an active volunteer.
 */
@WebController('leros/:tenantId/volunteering/my-passport')
export class VolunteeringPassportController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async form(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @Query() query: unknown,
  ) {
    const held = await this.held(page);
    const choices = readChoices(query);
    const params = choicesQuery(choices, held);
    await this.pages.render(req, reply, 'volunteering/my-passport', {
      lero: page.lero,
      base: page.base,
      choices,
      trainingBoxes: choiceBoxes(choices.training, held.training),
      checkBoxes: choiceBoxes(choices.checks, held.checks),
      reveals: revealList(choices, page.lero.name, held),
      params,
      letterHref: `${page.base}/my-passport/letter.pdf?${new URLSearchParams(params).toString()}`,
    });
  }

  @Post()
  @SignedInForm()
  async issue(@Req() req: WebRequest, @Res() reply: FastifyReply, @Volunteering() page: VolunteeringPage) {
    const held = await this.held(page);
    const passport = await page.vol.passport(page.lero.id, choicesQuery(readChoices(req.body), held));
    await this.pages.render(req, reply, 'volunteering/passport-issued', {
      lero: page.lero,
      base: page.base,
      ...(await issuedView(passport)),
    });
  }

  @Get('letter.pdf')
  @SignedIn()
  async letter(
    @Res() reply: FastifyReply,
    @Volunteering() page: VolunteeringPage,
    @Query() query: unknown,
  ): Promise<void> {
    const held = await this.held(page);
    await sendApiFile(reply, await page.vol.letter(page.lero.id, choicesQuery(readChoices(query), held)));
  }

  /** Only an active volunteer; what they hold today, from their own records, to choose from one by one. */
  private async held(page: VolunteeringPage): Promise<ReturnType<typeof heldItems>> {
    const memberId = await volunteerMemberId(page);
    if (!memberId) throw new PageForbidden();
    return heldItems((await page.vol.records(page.lero.id, memberId)).items);
  }
}

/** The public page a letter's QR code opens: whether the passport issued with it still stands (ADR 0064). */
@WebController('passports/check')
export class PassportCheckController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
    private readonly auth: SessionAuthService,
  ) {}

  @Get(':tenantId/:credentialId')
  async check(@Req() req: WebRequest, @Res() reply: FastifyReply): Promise<void> {
    const tenantId = await pathUuid(req.params, 'tenantId');
    const credentialId = await pathUuid(req.params, 'credentialId');
    req.viewer = await this.auth.viewer(req).catch(() => undefined);
    const status = await new VolunteeringApi(this.api, callContext(req)).credentialStatus(
      tenantId,
      credentialId,
    );
    await this.pages.render(req, reply, 'passports/check', {
      status,
      issuedOn: status.issuedAt.slice(0, 10),
      expiresOn: status.expiresAt.slice(0, 10),
    });
  }
}
