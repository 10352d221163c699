import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceEnv } from '@hearth/platform';
import {
  DEFAULT_ANSWER_BATCH_SIZE,
  DEFAULT_CLOSE_SWEEP_INTERVAL_MS,
  MIN_RESPONDENT_KEY_LENGTH,
} from '../advocacy.options';

/** The advocacy service's variables, validated at boot. */
export class AdvocacyEnv extends ServiceEnv {
  /** Keys the one-response-per-member hash of consultations. Keep it stable and secret. */
  @IsString()
  @MinLength(MIN_RESPONDENT_KEY_LENGTH, {
    message: `must be at least ${MIN_RESPONDENT_KEY_LENGTH} characters (e.g. openssl rand -base64 32)`,
  })
  ADVOCACY_RESPONDENT_KEY!: string;

  /** Answers are written shuffled in batches of at least this many (and all that wait at close). */
  @IsInt()
  @Min(2)
  @Max(100)
  ADVOCACY_ANSWER_BATCH_SIZE: number = DEFAULT_ANSWER_BATCH_SIZE;

  /** How often consultations past their closing time are closed (their last batch written, `closed` announced). */
  @IsInt()
  @Min(1000)
  ADVOCACY_CLOSE_SWEEP_INTERVAL_MS: number = DEFAULT_CLOSE_SWEEP_INTERVAL_MS;

  override HEALTH_PORT = 3107;
}
