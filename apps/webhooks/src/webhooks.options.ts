export const WEBHOOKS_OPTIONS = Symbol('WEBHOOKS_OPTIONS');

export interface WebhooksOptions {
  /** This service's own role (hearth_webhooks): rights on the webhooks schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
}
