// The public entry of this app (ADR 0021): what standalone, migrate, bench and tests of other apps may import.
// Everything else in this app is private to it; other apps talk to it only through @hearth/contracts subjects.
export { createTenantsApp } from './tenants.app';
export type { GeneratedAdmin, TenantsOptions } from './tenants.options';
export { printGeneratedAdmin } from './accounts/admin-bootstrap.service';
export { TENANTS_SCHEMA, TenantsDatabase } from './tenants-database';
export { TenantsEnv, TotpEncryptionKeyVariable } from './config/env.schema';
export { loadOrCreateTotpKey, totpKeyFromEnv } from './two-factor/totp-secret-cipher';
export { AuditEntry } from './audit/audit-entry.entity';
