import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { loadOrCreateRandomSecret } from '@hearth/platform';
import { MIN_PARTICIPANT_KEY_SECRET_LENGTH } from '../events.options';

/**
 * Per-LERO pseudonyms for attendance events: HMAC-SHA256 of the member id under a key derived from the
 * service secret and the LERO. Stable within a LERO (reporting counts unique participants), unrelated across
 * LEROs, and not reversible without the secret, which never leaves this service.
 */
export class ParticipantKeys {
  // Kept as key objects: a raw key given to `createHmac` is imported again on every call (~3 % of a check-in).
  private readonly tenantKeys = new Map<string, KeyObject>();

  constructor(private readonly secret: string) {
    if (secret.length < MIN_PARTICIPANT_KEY_SECRET_LENGTH)
      throw new Error(
        `The participant-key secret must be at least ${MIN_PARTICIPANT_KEY_SECRET_LENGTH} characters.`,
      );
  }

  keyOf(tenantId: string, memberId: string): string {
    let key = this.tenantKeys.get(tenantId);
    if (!key) {
      key = createSecretKey(
        createHmac('sha256', this.secret).update(`hearth/events/participant-key/${tenantId}`).digest(),
      );
      if (this.tenantKeys.size > 10_000) this.tenantKeys.clear();
      this.tenantKeys.set(tenantId, key);
    }
    return createHmac('sha256', key).update(memberId.toLowerCase()).digest('base64url');
  }
}

/** Standalone mode: a secret generated once into the data directory and kept (0600), like the signing key. */
export const loadOrCreateParticipantKeySecret = (dataDir: string): string =>
  loadOrCreateRandomSecret(dataDir, 'events-participant-key.secret');
