import { createHmac } from 'node:crypto';
import { loadOrCreateRandomSecret } from '@hearth/platform';
import { MIN_MEMBER_KEY_SECRET_LENGTH } from '../reporting.options';

/**
 * The pseudonym under which reporting follows one member's membership spans (joined, left, rejoined), so an
 * active-member count counts people rather than joins. HMAC-SHA256 under a secret that never leaves this
 * service: the reporting schema holds no member id, and nothing in it can be turned back into one. On
 * erasure the spans are re-keyed at random and the link is gone for good.
 */
export class MemberKeys {
  constructor(private readonly secret: string) {
    if (secret.length < MIN_MEMBER_KEY_SECRET_LENGTH)
      throw new Error(`The member-key secret must be at least ${MIN_MEMBER_KEY_SECRET_LENGTH} characters.`);
  }

  keyOf(tenantId: string, memberId: string): string {
    return createHmac('sha256', this.secret)
      .update(`hearth/reporting/member/${tenantId.toLowerCase()}/${memberId.toLowerCase()}`)
      .digest('base64url');
  }

  /**
   * What an erased participant's tombstone holds instead of events' participant key: a keyed hash of it, so a
   * late check-in is recognised, but no reporting row holds the key events used (nor matches one elsewhere).
   */
  erasedParticipantKey(tenantId: string, participantKey: string): string {
    return createHmac('sha256', this.secret)
      .update(`hearth/reporting/erased-participant/${tenantId.toLowerCase()}/${participantKey}`)
      .digest('base64url');
  }
}

/** Standalone mode: a secret generated once into the data directory and kept (0600), like the signing key. */
export const loadOrCreateMemberKeySecret = (dataDir: string): string =>
  loadOrCreateRandomSecret(dataDir, 'reporting-member-key.secret');
