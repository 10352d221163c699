import { ServiceDatabase, type ServiceSchema } from '@hearth/persistence';
import { OutboxMessage } from '@hearth/messaging';
import { MigrationTenantsInit } from '../migrations/migration-20261127-init';
import { MigrationTenantsSignInFailures } from '../migrations/migration-20261202-sign-in-failures';
import { MigrationTenantsAccessLifecycle } from '../migrations/migration-20261203-access-lifecycle';
import { MigrationTenantsMemberErasures } from '../migrations/migration-20261204-member-erasures';
import { MigrationTenantsTwoFactor } from '../migrations/migration-20261204-two-factor';
import { MigrationTenantsDelivery } from '../migrations/migration-20261204-tenants-delivery';
import { MigrationTenantsErasureEverywhere } from '../migrations/migration-20261205-erasure-everywhere';
import { MigrationTenantsDirectoryCurators } from '../migrations/migration-20261214-directory-curators';
import { MigrationTenantsPublishToDirectory } from '../migrations/migration-20261216-publish-to-directory';
import { MigrationTenantsMailQueue } from '../migrations/migration-20261217-mail-queue';
import { MigrationTenantsMailQueueShared } from '../migrations/migration-20261231-mail-queue-shared';
import { MigrationTenantsPublishToOpenActive } from '../migrations/migration-20261220-publish-to-openactive';
import { MigrationTenantsSingleSignOn } from '../migrations/migration-20261220-single-sign-on';
import { MigrationTenantsDigests } from '../migrations/migration-20261221-digests';
import { MigrationTenantsSsoHardening } from '../migrations/migration-20261222-sso-hardening';
import { MigrationTenantsTraces } from '../migrations/migration-20270110-tenants-traces';
import { Region } from './regions/region.entity';
import { Tenant } from './leros/tenant.entity';
import { Account } from './accounts/account.entity';
import { RoleGrant } from './accounts/role-grant.entity';
import { Invitation } from './invitations/invitation.entity';
import { RefreshToken } from './sessions/refresh-token.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { PasswordReset } from './password-resets/password-reset.entity';
import { MailMessage } from '@hearth/mail';
import { RecoveryCode, SignInChallenge, TwoFactor } from './two-factor/two-factor.entity';
import { AccountIdentity, IdentityProvider, SsoFlow, SsoLinkOffer } from './sso/sso.entity';
import { DigestRun, DigestSetting } from './digests/digest.entity';

export const TENANTS_SCHEMA: ServiceSchema = {
  schema: 'tenants',
  entities: [
    Region,
    Tenant,
    Account,
    RoleGrant,
    Invitation,
    RefreshToken,
    AuditEntry,
    PasswordReset,
    TwoFactor,
    RecoveryCode,
    SignInChallenge,
    MailMessage,
    IdentityProvider,
    SsoFlow,
    AccountIdentity,
    SsoLinkOffer,
    DigestSetting,
    DigestRun,
    OutboxMessage,
  ],
  migrations: [
    MigrationTenantsInit,
    MigrationTenantsSignInFailures,
    MigrationTenantsAccessLifecycle,
    MigrationTenantsMemberErasures,
    MigrationTenantsTwoFactor,
    MigrationTenantsDelivery,
    MigrationTenantsErasureEverywhere,
    MigrationTenantsDirectoryCurators,
    MigrationTenantsPublishToDirectory,
    MigrationTenantsMailQueue,
    MigrationTenantsPublishToOpenActive,
    MigrationTenantsSingleSignOn,
    MigrationTenantsDigests,
    MigrationTenantsSsoHardening,
    MigrationTenantsMailQueueShared,
    MigrationTenantsTraces,
  ],
};

/** The tenants service's database, as its own injectable type. */
export class TenantsDatabase extends ServiceDatabase {}
