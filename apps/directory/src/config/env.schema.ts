import { ServiceEnv } from '@hearth/platform';

/** The directory service's variables, validated at boot. */
export class DirectoryEnv extends ServiceEnv {
  override HEALTH_PORT = 3105;
}
