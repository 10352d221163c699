import { ServiceEnv } from '@hearth/platform';

/** The volunteering service's variables, validated at boot. */
export class VolunteeringEnv extends ServiceEnv {
  override HEALTH_PORT = 3106;
}
