import { ServiceEnv } from '@hearth/platform';
import { WithPassportEnv } from './passport-env';

/** The volunteering service's variables, validated at boot. */
export class VolunteeringEnv extends WithPassportEnv(ServiceEnv) {
  override HEALTH_PORT = 3106;
}
