import { PublicUrl, ServiceEnv } from '@hearth/platform';
import { WithPassportEnv } from './passport-env';

/** The volunteering service's variables, validated at boot. */
export class VolunteeringEnv extends WithPassportEnv(ServiceEnv) {
  override HEALTH_PORT = 3106;

  /** The address people open: passports' issuer ids and status lists are built on it (ADR 0056). */
  @PublicUrl({ checkPlainHttp: false })
  PUBLIC_URL?: string;
}
