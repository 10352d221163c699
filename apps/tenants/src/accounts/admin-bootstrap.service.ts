import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TenantsDatabase } from '../tenants-database';
import { TENANTS_OPTIONS, type GeneratedAdmin, type TenantsOptions } from '../tenants.options';
import { normaliseEmail } from '../secret-token.util';
import { Account } from './account.entity';
import { AccountsRepository } from './accounts.repository';
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from './password.util';

export const DEFAULT_STANDALONE_ADMIN = 'admin@hearth.local';

/** Printed once, on purpose not through the logger: the password must not end up in log storage. */
export function printGeneratedAdmin({ email, password }: GeneratedAdmin): void {
  process.stdout.write(
    `\n  Hearth created a platform admin for this installation:\n    email:    ${email}\n    password: ${password}\n  Keep it safe: it is not shown again.\n\n`,
  );
}

/**
 * First start: when no platform admin exists, create one from configuration (or, standalone, generate one). An
 * existing account with the configured email becomes platform admin only if the configured password is its own.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly db: TenantsDatabase,
    private readonly accounts: AccountsRepository,
    @Inject(TENANTS_OPTIONS) private readonly options: TenantsOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensurePlatformAdmin();
  }

  async ensurePlatformAdmin(): Promise<void> {
    const em = this.db.em();
    if (await this.accounts.platformAdminExists(em)) return;
    let { adminEmail: email, adminPassword: password } = this.options;
    let generated = false;
    if (!email || !password) {
      if (!this.options.generateAdminPassword) {
        this.logger.warn(
          'No platform admin exists. Set HEARTH_ADMIN_EMAIL and HEARTH_ADMIN_PASSWORD to create one.',
        );
        return;
      }
      email ??= DEFAULT_STANDALONE_ADMIN;
      password = randomBytes(18).toString('base64url');
      generated = true;
    }
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new Error(`HEARTH_ADMIN_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    const normalised = normaliseEmail(email);
    const existing = await this.accounts.findByEmail(em, normalised);
    // An account that already has this email is made platform admin only with its own password: the
    // configuration must not hand the platform to whoever can set two variables (or to a typo).
    if (existing && (existing.disabledAt || !(await verifyPassword(existing.passwordHash, password)))) {
      this.logger.error(
        `An account with ${normalised} already exists and HEARTH_ADMIN_PASSWORD is not its password (or it is disabled): no platform admin was created. Set that account's password, or choose another HEARTH_ADMIN_EMAIL.`,
      );
      return;
    }
    const passwordHash = existing ? undefined : await hashPassword(password, this.options.passwordHashCost);
    // Replicas starting together (a Deployment of two) each get here: one creates the admin, the others find it.
    const created = await em.transactional(async (tx) => {
      // tx.execute runs in this transaction; tx.getConnection().execute would take (and at once release) the lock
      // on another pooled connection, which is how two replicas once both got past it.
      await tx.execute(`select pg_advisory_xact_lock(hashtext('hearth.tenants.first-admin'))`);
      if (await this.accounts.platformAdminExists(tx)) return false;
      let account = existing;
      if (!account) {
        account = tx.create(Account, {
          email: normalised,
          displayName: 'Platform admin',
          passwordHash: passwordHash!,
          createdAt: new Date(),
        });
        tx.persist(account);
        await tx.flush();
      }
      await this.accounts.addGrant(tx, { accountId: account.id, role: 'platform-admin' });
      return true;
    });
    if (!created) return;
    if (generated) {
      const admin = { email, password };
      if (this.options.onAdminGenerated) this.options.onAdminGenerated(admin);
      else printGeneratedAdmin(admin);
    } else {
      this.logger.log(`Created the platform admin ${email}.`);
    }
  }
}
