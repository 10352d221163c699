import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  WEBHOOK_EVENT_TYPES,
  type TenantView,
  type WebhookEventType,
  type WebhookWithSecretView,
} from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { WebhooksApi } from '../api/webhooks-api';
import { FormErrors, NO_ERRORS, field, fields, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Lero, type LeroPage } from '../http/lero-page';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { callContext } from '../session/session-auth.service';
import { flash } from '../session/web-session';
import { administers } from './lero-data.controller';

/** What each event type means, as the pages say it. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'session.cancelled': 'A session is cancelled',
  'activity.published': 'An activity is published (or changed) for anyone to see',
};

const eventItems = (ticked: string[]) =>
  WEBHOOK_EVENT_TYPES.map((value) => ({
    value,
    text: EVENT_LABELS[value],
    hint: { text: value },
    checked: ticked.includes(value),
  }));

/**
 * A LERO's webhooks, for its admins (ADR 0079): its subscriptions, adding one (its secret shown once, on the
 * answer to the form), unsubscribing after a confirmation, rotating a secret, and the delivery log with a
 * replay button. The API decides every call; the pages are the admins' as the settings page is.
 */
@WebController('leros/:tenantId/settings/webhooks')
export class LeroWebhooksController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  private client(req: WebRequest, { lero, viewer }: LeroPage) {
    return new WebhooksApi(this.api, callContext(req, viewer.accessToken), lero.id);
  }

  @Get()
  @SignedIn()
  async list(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero(administers) page: LeroPage) {
    await this.renderList(req, reply, page, NO_ERRORS, { url: '', description: '', eventTypes: [] });
  }

  @Post()
  @SignedInForm()
  async create(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero(administers) page: LeroPage) {
    const form = {
      url: field(req.body, 'url'),
      description: field(req.body, 'description'),
      eventTypes: fields(req.body, 'eventTypes'),
    };
    const errors = new FormErrors();
    if (!form.url) errors.add('url', 'Enter the address of your receiver, starting https://');
    if (form.eventTypes.length === 0) errors.add('eventTypes', 'Choose at least one event to be told about');
    else if (form.eventTypes.some((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e)))
      errors.add('eventTypes', 'Choose events from the list');
    if (form.description.length > 200)
      errors.add('description', 'Description must be 200 characters or fewer');
    if (errors.ok) {
      try {
        const made = await this.client(req, page).create({
          url: form.url,
          eventTypes: form.eventTypes as WebhookEventType[],
          ...(form.description ? { description: form.description } : {}),
        });
        return this.renderSecret(req, reply, page.lero, made, false);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { url: 'The address', eventTypes: 'Events', description: 'Description' }, 'url');
      }
    }
    await this.renderList(req, reply, page, errors.view(['url', 'eventTypes', 'description']), form, 400);
  }

  @Get('deliveries')
  @SignedIn()
  async deliveries(@Req() req: WebRequest, @Res() reply: FastifyReply, @Lero(administers) page: LeroPage) {
    const api = this.client(req, page);
    const [log, subscriptions] = await Promise.all([api.deliveries(), api.list()]);
    const urls = new Map(subscriptions.map((s) => [s.id, s.url]));
    await this.pages.render(req, reply, 'leros/webhooks/deliveries', {
      lero: page.lero,
      deliveries: log.items.map((d) => ({ ...d, url: urls.get(d.subscriptionId) ?? '' })),
      more: log.nextCursor !== null,
    });
  }

  @Post('deliveries/:deliveryId/replay')
  @SignedInForm()
  async replay(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) page: LeroPage,
    @uuidParam('deliveryId') deliveryId: string,
  ) {
    await this.client(req, page).replay(deliveryId);
    flash(req, 'Sent again', 'The delivery is waiting to be sent again: its status shows how it went.');
    return this.pages.redirect(reply, `${base(page.lero)}/deliveries`);
  }

  @Get(':subscriptionId/delete')
  @SignedIn()
  async confirmDelete(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) page: LeroPage,
    @uuidParam('subscriptionId') subscriptionId: string,
  ) {
    const subscription = (await this.client(req, page).list()).find((s) => s.id === subscriptionId);
    if (!subscription) throw new PageNotFound();
    await this.pages.render(req, reply, 'leros/webhooks/delete', { lero: page.lero, subscription });
  }

  @Post(':subscriptionId/delete')
  @SignedInForm()
  async remove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) page: LeroPage,
    @uuidParam('subscriptionId') subscriptionId: string,
  ) {
    await this.client(req, page).remove(subscriptionId);
    flash(
      req,
      'Unsubscribed',
      'Nothing more will be sent to that address; its delivery log has gone with it.',
    );
    return this.pages.redirect(reply, base(page.lero));
  }

  @Post(':subscriptionId/rotate-secret')
  @SignedInForm()
  async rotate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Lero(administers) page: LeroPage,
    @uuidParam('subscriptionId') subscriptionId: string,
  ) {
    const rotated = await this.client(req, page).rotate(subscriptionId);
    await this.renderSecret(req, reply, page.lero, rotated, true);
  }

  private renderSecret(
    req: WebRequest,
    reply: FastifyReply,
    lero: TenantView,
    subscription: WebhookWithSecretView,
    rotated: boolean,
  ) {
    // Shown on the answer to the form only: the API never gives it again, and the page is not cached.
    reply.header('cache-control', 'no-store');
    return this.pages.render(req, reply, 'leros/webhooks/secret', { lero, subscription, rotated });
  }

  private async renderList(
    req: WebRequest,
    reply: FastifyReply,
    page: LeroPage,
    errors: FormView,
    form: { url: string; description: string; eventTypes: string[] },
    status = 200,
  ) {
    const subscriptions = (await this.client(req, page).list()).map((s) => ({
      ...s,
      events: s.eventTypes.map((e) => EVENT_LABELS[e] ?? e),
    }));
    await this.pages.render(
      req,
      reply,
      'leros/webhooks/list',
      { lero: page.lero, subscriptions, form, eventItems: eventItems(form.eventTypes), errors },
      status,
    );
  }
}

const base = (lero: TenantView) => `/leros/${lero.id}/settings/webhooks`;
