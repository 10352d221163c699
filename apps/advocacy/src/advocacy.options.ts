import { loadOrCreateRandomSecret } from '@hearth/platform';

export const ADVOCACY_OPTIONS = Symbol('ADVOCACY_OPTIONS');

/** The respondent key's least length: a keyed hash is only as unguessable as its key. */
export const MIN_RESPONDENT_KEY_LENGTH = 32;
/** Answers wait for a batch of at least this many before they are written shuffled (ADR 0062); never below 2. */
export const DEFAULT_ANSWER_BATCH_SIZE = 5;
/** Leading zero bits a public response's proof-of-work needs: about 2^18 hashes, a second or two on a phone. */
export const DEFAULT_PROOF_OF_WORK_BITS = 18;
/** How often consultations past their `closesAt` are closed by the sweep (ADR 0067). */
export const DEFAULT_CLOSE_SWEEP_INTERVAL_MS = 60_000;

export interface AdvocacyOptions {
  /** This service's own role (hearth_advocacy): rights on the advocacy schema only (ADR 0012). */
  databaseUrl: string;
  databasePoolMax?: number;
  /**
   * The key of the one-response-per-member hash, HMAC-SHA256(key, member ‖ consultation). Stable and secret: a new
   * key would let everyone respond again to an open consultation, and with it the hashes could be recomputed.
   */
  respondentKey: string;
  /** How many answers a batch gathers before they are shuffled into `answers` (default 5). */
  answerBatchSize?: number;
  /** How often the sweep closes consultations whose `closesAt` has passed (default a minute). */
  closeSweepIntervalMs?: number;
  /** The proof-of-work difficulty of public responses, in leading zero bits (default 18; tests use a few). */
  proofOfWorkBits?: number;
  /** The clock (tests move it past a consultation's `closesAt` instead of waiting). */
  now?: () => Date;
}

/** Standalone keeps the respondent key in its data directory, as the other services' secrets. */
export const loadOrCreateRespondentKey = (dataDir: string) =>
  loadOrCreateRandomSecret(dataDir, 'advocacy-respondent-key');
