import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { ServiceEnv } from '@hearth/platform';
import {
  DEFAULT_ANSWER_BATCH_SIZE,
  DEFAULT_CLOSE_SWEEP_INTERVAL_MS,
  DEFAULT_PROOF_OF_WORK_BITS,
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

  /** The proof-of-work a response through a public link needs, in leading zero bits of SHA-256. */
  @IsInt()
  @Min(1)
  @Max(28)
  ADVOCACY_PROOF_OF_WORK_BITS: number = DEFAULT_PROOF_OF_WORK_BITS;

  override HEALTH_PORT = 3107;
}
