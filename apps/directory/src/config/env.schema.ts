import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { Duration, EnvBoolean, isLoopbackHost, ServiceEnv } from '@hearth/platform';
import { DEFAULT_REVIEW_MONTHS } from '../directory.options';
import { DEFAULT_FEED_CACHE_SIZE } from '../oruk/feed-answers';
import { DEFAULT_REGION_CACHE_TTL_MS } from '../oruk/region-slugs';

/** The hosts of a connection string (or a comma-separated list of them); none when it names no host (a socket). */
function hostsOf(value: unknown): string[] {
  return String(value ?? '')
    .split(',')
    .flatMap((part) => {
      try {
        const host = new URL(part.trim()).hostname;
        return host ? [host] : [];
      } catch {
        return [];
      }
    });
}

/**
 * Loopback imports are for tests and development, where everything runs on one machine: refused when the
 * service's database or NATS is elsewhere, which is how Hearth runs in production (Compose, Kubernetes).
 */
const OnlyOnOneMachine = () =>
  ValidateBy({
    name: 'onlyOnOneMachine',
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        if (value !== true) return true;
        const env = args.object as { NATS_URL?: string; DATABASE_URL?: string };
        return [...hostsOf(env.NATS_URL), ...hostsOf(env.DATABASE_URL)].every(isLoopbackHost);
      },
      defaultMessage: () =>
        'is for tests and development on one machine: it is refused while NATS_URL or DATABASE_URL is on another host',
    },
  });

/** The directory service's variables, validated at boot. */
export class DirectoryEnv extends ServiceEnv {
  override HEALTH_PORT = 3105;

  /** A listing not assured for this many months is listed as needing review (ADR 0040). */
  @IsInt()
  @Min(1)
  @Max(120)
  DIRECTORY_REVIEW_MONTHS: number = DEFAULT_REVIEW_MONTHS;

  /** The curator team's address assuring writes where a region has not set its own (ADR 0040). */
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  DIRECTORY_CONTACT_EMAIL?: string;

  /** Imports may fetch feeds on this machine's loopback addresses (never private ones): ADR 0041. */
  @EnvBoolean()
  @IsBoolean({ message: 'must be true or false' })
  @OnlyOnOneMachine()
  DIRECTORY_IMPORT_ALLOW_LOOPBACK: boolean = false;

  /** How long the public feed remembers which region a slug names (`0`: never); at most an hour (ADR 0046). */
  @Duration({ min: 0, max: 3_600_000 })
  DIRECTORY_REGION_CACHE_TTL: number = DEFAULT_REGION_CACHE_TTL_MS;

  /** How many of the public feed's answers are kept while their region's data is unchanged (`0`: none): ADR 0047. */
  @IsInt()
  @Min(0)
  @Max(10_000)
  DIRECTORY_FEED_CACHE_SIZE: number = DEFAULT_FEED_CACHE_SIZE;
}
