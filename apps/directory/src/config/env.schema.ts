import { IsEmail, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ServiceEnv } from '@hearth/platform';
import { DEFAULT_REVIEW_MONTHS } from '../directory.options';

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
}
