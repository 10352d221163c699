import { ServiceEnv } from '@hearth/platform';

/** The advocacy service's variables, validated at boot. */
export class AdvocacyEnv extends ServiceEnv {
  override HEALTH_PORT = 3107;
}
