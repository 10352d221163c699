import { ServiceEnv } from '@hearth/platform';

/** The membership service's variables, validated at boot. */
export class MembershipEnv extends ServiceEnv {
  override HEALTH_PORT = 3102;
}
