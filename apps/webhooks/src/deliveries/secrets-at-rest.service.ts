import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DispatchRepository } from './dispatch.repository';
import { WebhookSecretCipher } from './secret-cipher';

/**
 * At start, every signing secret not under the current key — stored before encryption (ADR 0079) or under a key
 * since rotated out of first place — is encrypted again under it (ADR 0082), so an old key can be dropped once a
 * start has run with the new one first.
 */
@Injectable()
export class SecretsAtRest implements OnApplicationBootstrap {
  private readonly logger = new Logger(SecretsAtRest.name);

  constructor(
    private readonly queue: DispatchRepository,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const moved = await this.reencrypt();
    if (moved > 0) this.logger.log(`Encrypted ${moved} webhook signing secrets under the current key`);
  }

  /**
   * How many subscriptions' secrets it encrypted again. A secret that cannot be read (its key is no longer
   * configured, say after a restore without the key file) stays as it is, with a warning: its subscription cannot
   * sign until its admins rotate the secret, and every other subscription, and the service, carry on.
   */
  reencrypt(): Promise<number> {
    return this.queue.reencryptSecrets((stored, subscriptionId) => {
      if (stored === null || this.cipher.isCurrent(stored)) return stored;
      try {
        return this.cipher.encrypt(this.cipher.decrypt(stored, subscriptionId), subscriptionId);
      } catch {
        this.logger.warn(
          `Subscription ${subscriptionId}'s signing secret cannot be read with the configured keys: it cannot sign until its secret is rotated`,
        );
        return stored;
      }
    });
  }
}
