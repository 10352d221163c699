import { ServiceEnv } from '@hearth/platform';

/** The webhooks service's variables, validated at boot. */
export class WebhooksEnv extends ServiceEnv {
  override HEALTH_PORT = 3108;
}
