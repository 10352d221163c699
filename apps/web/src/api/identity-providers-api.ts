import type { IdentityProviderSettingsDto, IdentityProviderView } from '@hearth/contracts';
import type { CallContext, HearthApi } from './hearth-api';

/** Whose identity providers: a region's own (`/regions/{id}`) or a LERO's (`/tenants/{id}`), ADR 0080. */
export type ProviderOwner = { kind: 'lero' | 'region'; id: string };

/** An owner's identity providers (`…/identity-providers`), as the viewer: the same four routes for both. */
export class IdentityProvidersApi {
  constructor(
    private readonly api: HearthApi,
    private readonly ctx: CallContext,
    private readonly owner: ProviderOwner,
  ) {}

  private call = <T>(method: string, rest: string, body?: unknown) =>
    this.api.request<T>(
      method,
      `/api/v1/${this.owner.kind === 'lero' ? 'tenants' : 'regions'}/${id(this.owner.id)}/identity-providers${rest}`,
      this.ctx,
      body,
    );

  list = () => this.call<{ items: IdentityProviderView[] }>('GET', '');
  create = (dto: IdentityProviderSettingsDto) => this.call<IdentityProviderView>('POST', '', dto);
  remove = (providerId: string) => this.call<void>('DELETE', `/${id(providerId)}`);
  verify = (providerId: string) =>
    this.call<IdentityProviderView>('POST', `/${id(providerId)}/domain-verification`);
}

const id = (value: string) => encodeURIComponent(value);
