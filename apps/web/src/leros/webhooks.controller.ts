import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { WebhookEventType, WebhookWithSecretView } from '@hearth/contracts';
import { ApiError } from '../api/api-error';
import { FormErrors, NO_ERRORS, field, fields, type FormView } from '../http/form.util';
import { SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageNotFound } from '../http/web-errors';
import { flash } from '../session/web-session';
import { Webhooks, type WebhooksPage } from './webhooks-page';

/** What each event type means, as the pages say it. */
export const EVENT_LABELS: Record<WebhookEventType, string> = {
  'session.scheduled': 'Sessions of a public activity are scheduled',
  'session.cancelled': 'A session is cancelled',
  'activity.published': 'An activity is published (or changed) for anyone to see',
  'directory.listing.changed': 'A service listing in the region’s directory is added, changed or retired',
  'report.released': 'A period’s impact figures are released',
};

const eventItems = (types: readonly WebhookEventType[], ticked: string[]) =>
  types.map((value) => ({
    value,
    text: EVENT_LABELS[value],
    hint: { text: value },
    checked: ticked.includes(value),
  }));

/**
 * A LERO's webhooks, for its admins, and a region's own, for its admins (ADR 0079): the same screens. The
 * subscriptions, adding one (its secret shown once, on the answer to the form), unsubscribing after a
 * confirmation, rotating a secret, and the delivery log with a replay button. The API decides every call.
 */
@WebController(['leros/:tenantId/settings/webhooks', 'regions/:regionId/webhooks'])
export class WebhooksController {
  constructor(private readonly pages: Pages) {}

  @Get()
  @SignedIn()
  async list(@Req() req: WebRequest, @Res() reply: FastifyReply, @Webhooks() page: WebhooksPage) {
    await this.renderList(req, reply, page, NO_ERRORS, { url: '', description: '', eventTypes: [] });
  }

  @Post()
  @SignedInForm()
  async create(@Req() req: WebRequest, @Res() reply: FastifyReply, @Webhooks() page: WebhooksPage) {
    const form = {
      url: field(req.body, 'url'),
      description: field(req.body, 'description'),
      eventTypes: fields(req.body, 'eventTypes'),
    };
    const errors = new FormErrors();
    if (!form.url) errors.add('url', 'Enter the address of your receiver, starting https://');
    if (form.eventTypes.length === 0) errors.add('eventTypes', 'Choose at least one event to be told about');
    else if (form.eventTypes.some((e) => !(page.eventTypes as readonly string[]).includes(e)))
      errors.add('eventTypes', 'Choose events from the list');
    if (form.description.length > 200)
      errors.add('description', 'Description must be 200 characters or fewer');
    if (errors.ok) {
      try {
        const made = await page.webhooks.create({
          url: form.url,
          eventTypes: form.eventTypes as WebhookEventType[],
          ...(form.description ? { description: form.description } : {}),
        });
        return this.renderSecret(req, reply, page, made, false);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        errors.fromApi(err, { url: 'The address', eventTypes: 'Events', description: 'Description' }, 'url');
      }
    }
    await this.renderList(req, reply, page, errors.view(['url', 'eventTypes', 'description']), form, 400);
  }

  @Get('deliveries')
  @SignedIn()
  async deliveries(@Req() req: WebRequest, @Res() reply: FastifyReply, @Webhooks() page: WebhooksPage) {
    const api = page.webhooks;
    const [log, subscriptions] = await Promise.all([api.deliveries(), api.list()]);
    const urls = new Map(subscriptions.map((s) => [s.id, s.url]));
    await this.pages.render(req, reply, 'leros/webhooks/deliveries', {
      page,
      deliveries: log.items.map((d) => ({ ...d, url: urls.get(d.subscriptionId) ?? '' })),
      more: log.nextCursor !== null,
    });
  }

  @Post('deliveries/:deliveryId/replay')
  @SignedInForm()
  async replay(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Webhooks() page: WebhooksPage,
    @uuidParam('deliveryId') deliveryId: string,
  ) {
    try {
      await page.webhooks.replay(deliveryId);
      flash(req, 'Sent again', 'The delivery is waiting to be sent again: its status shows how it went.');
    } catch (err) {
      // An attempt is in flight (ADR 0082): the API refuses to send it twice at once.
      if (!(err instanceof ApiError) || err.status !== 409) throw err;
      flash(
        req,
        'Being sent now',
        'That delivery is being sent just now: send it again once its status shows.',
      );
    }
    return this.pages.redirect(reply, `${page.base}/deliveries`);
  }

  @Get(':subscriptionId/delete')
  @SignedIn()
  async confirmDelete(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Webhooks() page: WebhooksPage,
    @uuidParam('subscriptionId') subscriptionId: string,
  ) {
    const subscription = (await page.webhooks.list()).find((s) => s.id === subscriptionId);
    if (!subscription) throw new PageNotFound();
    await this.pages.render(req, reply, 'leros/webhooks/delete', { page, subscription });
  }

  @Post(':subscriptionId/delete')
  @SignedInForm()
  async remove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Webhooks() page: WebhooksPage,
    @uuidParam('subscriptionId') subscriptionId: string,
  ) {
    await page.webhooks.remove(subscriptionId);
    flash(
      req,
      'Unsubscribed',
      'Nothing more will be sent to that address; its delivery log has gone with it.',
    );
    return this.pages.redirect(reply, page.base);
  }

  @Post(':subscriptionId/rotate-secret')
  @SignedInForm()
  async rotate(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @Webhooks() page: WebhooksPage,
    @uuidParam('subscriptionId') subscriptionId: string,
  ) {
    const rotated = await page.webhooks.rotate(subscriptionId);
    await this.renderSecret(req, reply, page, rotated, true);
  }

  private renderSecret(
    req: WebRequest,
    reply: FastifyReply,
    page: WebhooksPage,
    subscription: WebhookWithSecretView,
    rotated: boolean,
  ) {
    // Shown on the answer to the form only: the API never gives it again, and the page is not cached.
    reply.header('cache-control', 'no-store');
    return this.pages.render(req, reply, 'leros/webhooks/secret', { page, subscription, rotated });
  }

  private async renderList(
    req: WebRequest,
    reply: FastifyReply,
    page: WebhooksPage,
    errors: FormView,
    form: { url: string; description: string; eventTypes: string[] },
    status = 200,
  ) {
    const subscriptions = (await page.webhooks.list()).map((s) => ({
      ...s,
      events: s.eventTypes.map((e) => EVENT_LABELS[e] ?? e),
    }));
    await this.pages.render(
      req,
      reply,
      'leros/webhooks/list',
      { page, subscriptions, form, eventItems: eventItems(page.eventTypes, form.eventTypes), errors },
      status,
    );
  }
}
