import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TenantView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { LeroSettingsApi } from '../api/lero-settings-api';
import { HearthApi } from '../api/hearth-api';
import { FormErrors, NO_ERRORS, fields, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { WebController } from '../http/web-controller';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import { administers } from './lero-data.controller';

/** Where a region's directory is: its public pages, and its open data feed (Open Referral UK). */
export const directoryLinks = (lero: TenantView) =>
  lero.regionSlug
    ? {
        directory: `/regions/${encodeURIComponent(lero.regionSlug)}/directory`,
        feed: `/api/v1/public/regions/${encodeURIComponent(lero.regionSlug)}/oruk/services`,
      }
    : undefined;

/** The checkbox as posted: ticked, not ticked (absent), or something no form of ours sends. */
export function readPublishChoice(
  body: unknown,
  field: 'publishToDirectory' | 'publishToOpenActive' = 'publishToDirectory',
): boolean | undefined {
  const posted = fields(body, field);
  if (posted.length === 0) return false;
  return posted.length === 1 && posted[0] === 'yes' ? true : undefined;
}

/** Where a region's OpenActive feed is (ADR 0078). */
export const openActiveFeed = (lero: TenantView) =>
  lero.regionSlug
    ? `/api/v1/public/regions/${encodeURIComponent(lero.regionSlug)}/openactive/session-series`
    : undefined;

/**
 * A LERO's settings, for its admins (ADR 0045): whether the LERO and its public activities are in its region's
 * directory (ADR 0042), and whether its public sessions are in its region's OpenActive feed (ADR 0078), each its
 * own form. The page says what that publishes — the organisation and its public activities, never
 * people — and where it can be seen. Region staff may not choose this for a LERO, so the page is its admins'.
 */
@WebController('leros/:tenantId/settings')
export class LeroSettingsController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async show(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) { lero }: LeroPage,
  ): Promise<void> {
    await this.render(req, reply, lero, NO_ERRORS);
  }

  @Post('openactive')
  @SignedInForm()
  async saveOpenActive(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) { lero, viewer }: LeroPage,
  ): Promise<void> {
    const publish = readPublishChoice(req.body, 'publishToOpenActive');
    const errors = new FormErrors();
    if (publish === undefined)
      errors.add('publishToOpenActive', 'Tick the box to publish to OpenActive, or leave it empty');
    else {
      try {
        const changed = await new LeroSettingsApi(this.api, callContext(req, viewer.accessToken)).update(
          lero.id,
          { publishToOpenActive: publish },
        );
        flash(
          req,
          changed.publishToOpenActive ? 'Published to OpenActive' : 'Not on OpenActive',
          changed.publishToOpenActive
            ? `${changed.name}’s public sessions will be in the region’s OpenActive feed within a few minutes.`
            : `${changed.name}’s sessions will be taken out of the OpenActive feed within a few minutes.`,
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/settings`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { publishToOpenActive: 'Publish to OpenActive' }, 'publishToOpenActive');
      }
    }
    await this.render(req, reply, lero, errors.view(['publishToOpenActive']), 400);
  }

  @Post()
  @SignedInForm()
  async save(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) { lero, viewer }: LeroPage,
  ): Promise<void> {
    const publish = readPublishChoice(req.body);
    const errors = new FormErrors();
    if (publish === undefined)
      errors.add(
        'publishToDirectory',
        'Tick the box to publish to the regional directory, or leave it empty',
      );
    else {
      try {
        const changed = await new LeroSettingsApi(this.api, callContext(req, viewer.accessToken)).update(
          lero.id,
          { publishToDirectory: publish },
        );
        flash(
          req,
          changed.publishToDirectory
            ? 'Published to the regional directory'
            : 'Not in the regional directory',
          changed.publishToDirectory
            ? `${changed.name} and its public activities will appear in the directory within a few minutes.`
            : `${changed.name} and its activities will be taken out of the directory within a few minutes.`,
        );
        return this.pages.redirect(reply, `/leros/${lero.id}/settings`);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(
          err,
          { publishToDirectory: 'Publish to the regional directory' },
          'publishToDirectory',
        );
      }
    }
    await this.render(req, reply, lero, errors.view(['publishToDirectory']), 400);
  }

  private render(req: WebRequest, reply: FastifyReply, lero: TenantView, errors: FormView, status = 200) {
    return this.pages.render(
      req,
      reply,
      'leros/settings',
      {
        lero,
        publish: lero.publishToDirectory,
        openActive: lero.publishToOpenActive,
        openActiveFeed: openActiveFeed(lero),
        links: directoryLinks(lero),
        activitiesHref: `/leros/${lero.id}/activities`,
        errors,
      },
      status,
    );
  }
}
