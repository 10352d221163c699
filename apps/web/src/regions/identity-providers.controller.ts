import { Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError } from '../api/api-error';
import { HearthApi } from '../api/hearth-api';
import { IdentityProvidersApi, type ProviderOwner } from '../api/identity-providers-api';
import { FormErrors, NO_ERRORS, field, rawField, type FormView } from '../http/form.util';
import { CurrentViewer, SignedIn, SignedInForm } from '../http/guards';
import { Pages, type WebRequest } from '../http/pages';
import { pathUuid, uuidParam } from '../http/params';
import { WebController } from '../http/web-controller';
import { PageForbidden, PageNotFound } from '../http/web-errors';
import { isPlatformAdmin, regionAdminOf } from '../navigation/navigation';
import { callContext } from '../session/session-auth.service';
import { session, type Viewer } from '../session/web-session';
import { findRegion } from './find-region';

const FIELDS = ['displayName', 'issuer', 'clientId', 'clientSecret', 'allowedDomains'];
const LABELS: Record<string, string> = {
  displayName: 'Name',
  issuer: 'Issuer URL',
  clientId: 'Client ID',
  clientSecret: 'Client secret',
  allowedDomains: 'Allowed email domains',
};
type Values = Record<string, string>;

/** Domains typed one a line, or separated by commas or spaces; lower-cased, as the API wants them. */
const domainsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);

/**
 * Single sign-on identity providers (ADR 0080) of a region and of each of its LEROs: its admins (and platform
 * admins) list, add and remove them; platform admins verify their domains. The client secret is typed once and
 * never shown back (the API never answers it).
 */
@WebController([
  'regions/:regionId/identity-providers',
  'regions/:regionId/leros/:tenantId/identity-providers',
])
export class IdentityProvidersController {
  constructor(
    private readonly api: HearthApi,
    private readonly pages: Pages,
  ) {}

  @Get()
  @SignedIn()
  async page(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ) {
    return this.render(req, reply, viewer, regionId, await leroOf(req));
  }

  @Post()
  @SignedInForm()
  async addProvider(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
  ) {
    return this.add(req, reply, viewer, regionId, await leroOf(req));
  }

  @Post(':providerId/remove')
  @SignedInForm()
  async remove(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @uuidParam('providerId') providerId: string,
  ) {
    return this.act(req, reply, viewer, 'remove', providerId, regionId, await leroOf(req));
  }

  @Post(':providerId/verify')
  @SignedInForm()
  async verify(
    @Req() req: WebRequest,
    @Res() reply: FastifyReply,
    @CurrentViewer() viewer: Viewer,
    @uuidParam('regionId') regionId: string,
    @uuidParam('providerId') providerId: string,
  ) {
    return this.act(req, reply, viewer, 'verify', providerId, regionId, await leroOf(req));
  }

  /** Whose providers, and the page's address: only the region's admins and platform admins get this far. */
  private async scope(req: WebRequest, viewer: Viewer, regionId: string, tenantId?: string) {
    if (!isPlatformAdmin(viewer) && !regionAdminOf(viewer, regionId)) throw new PageForbidden();
    const calls = this.api.for(callContext(req, viewer.accessToken));
    const region = await findRegion(calls, regionId);
    const lero = tenantId ? await calls.tenant(tenantId).catch(notFound) : undefined;
    if (lero && lero.regionId !== regionId) throw new PageNotFound();
    const owner: ProviderOwner = lero ? { kind: 'lero', id: lero.id } : { kind: 'region', id: region.id };
    const path = `/regions/${region.id}${lero ? `/leros/${lero.id}` : ''}/identity-providers`;
    const providers = new IdentityProvidersApi(this.api, callContext(req, viewer.accessToken), owner);
    return { calls, region, lero, path, providers };
  }

  private async render(
    req: WebRequest,
    reply: FastifyReply,
    viewer: Viewer,
    regionId: string,
    tenantId?: string,
    form: { values: Values; errors: FormView; status: number } = {
      values: {},
      errors: NO_ERRORS,
      status: 200,
    },
  ): Promise<void> {
    const { calls, region, lero, path, providers } = await this.scope(req, viewer, regionId, tenantId);
    const { items } = await providers.list();
    const leros = lero ? [] : (await calls.tenants({ regionId, limit: 100 })).items;
    await this.pages.render(
      req,
      reply,
      'regions/identity-providers',
      {
        region,
        lero,
        path,
        providers: items,
        leros,
        redirectUri: `${this.pages.origin(req)}/sign-in/sso/callback`,
        canVerify: isPlatformAdmin(viewer),
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  private async add(
    req: WebRequest,
    reply: FastifyReply,
    viewer: Viewer,
    regionId: string,
    tenantId?: string,
  ) {
    const { path, providers } = await this.scope(req, viewer, regionId, tenantId);
    const values: Values = Object.fromEntries(
      ['displayName', 'issuer', 'clientId', 'allowedDomains'].map((n) => [n, field(req.body, n)]),
    );
    const clientSecret = rawField(req.body, 'clientSecret');
    const errors = new FormErrors();
    if (!values.displayName)
      errors.add('displayName', 'Enter the name people will see, like Phoenix Microsoft 365');
    if (!values.issuer) errors.add('issuer', 'Enter the provider’s issuer URL');
    if (!values.clientId) errors.add('clientId', 'Enter the client ID the provider gave you');
    if (!clientSecret) errors.add('clientSecret', 'Enter the client secret the provider gave you');
    const allowedDomains = domainsOf(values.allowedDomains);
    if (allowedDomains.length === 0) errors.add('allowedDomains', 'Enter at least one email domain');
    let status = 400;
    if (errors.ok) {
      try {
        const made = await providers.create({
          displayName: values.displayName,
          issuer: values.issuer,
          clientId: values.clientId,
          clientSecret,
          allowedDomains,
        });
        session(req).set('flash', {
          success: {
            title: 'Identity provider added',
            text: `${made.displayName} signs nobody in until a platform admin has verified its domains.`,
          },
        });
        return this.pages.redirect(reply, path);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 400) throw err;
        status = err.status;
        errors.fromApi(err, LABELS, 'issuer');
      }
    }
    return this.render(req, reply, viewer, regionId, tenantId, {
      values,
      errors: errors.view(FIELDS),
      status,
    });
  }

  private async act(
    req: WebRequest,
    reply: FastifyReply,
    viewer: Viewer,
    action: 'remove' | 'verify',
    providerId: string,
    regionId: string,
    tenantId?: string,
  ) {
    if (action === 'verify' && !isPlatformAdmin(viewer)) throw new PageForbidden();
    const { path, providers } = await this.scope(req, viewer, regionId, tenantId);
    await (action === 'remove' ? providers.remove(providerId) : providers.verify(providerId)).catch(notFound);
    session(req).set('flash', {
      success:
        action === 'remove'
          ? { title: 'Identity provider removed', text: 'Its people sign in with their passwords.' }
          : { title: 'Domains verified', text: 'The provider now signs people in.' },
    });
    return this.pages.redirect(reply, path);
  }
}

/** The LERO of a LERO's page (`…/leros/{tenantId}/identity-providers`); none on the region's own. */
const leroOf = (req: WebRequest): Promise<string | undefined> =>
  (req.params as Record<string, unknown>).tenantId === undefined
    ? Promise.resolve(undefined)
    : pathUuid(req.params, 'tenantId');

const notFound = (err: unknown): never => {
  if (err instanceof ApiError && err.status === 404) throw new PageNotFound();
  throw err;
};
