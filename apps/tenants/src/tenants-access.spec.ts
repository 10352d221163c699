import { AppError, type Actor, type Grant, type TenantStatus } from '@hearth/contracts';
import { authoriseTenant } from './tenants-access';
import { Tenant } from './leros/tenant.entity';

const REGION = '01900000-0000-7000-8000-00000000000a';
const OTHER_REGION = '01900000-0000-7000-8000-00000000000b';
const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER_LERO = '01900000-0000-7000-8000-0000000000a2';

const given = {
  tenant: (overrides: Partial<Tenant> = {}): Tenant =>
    Object.assign(new Tenant(), {
      id: LERO,
      regionId: REGION,
      name: 'Bridges Recovery',
      slug: 'bridges',
      status: 'active' as TenantStatus,
      ...overrides,
    }),
  actor: (...grants: Grant[]): Actor => ({
    accountId: '01900000-0000-7000-8000-000000000001',
    email: 'someone@example.org',
    grants,
  }),
};

const tenantAdmin = given.actor({ role: 'tenant-admin', tenantId: LERO, regionId: REGION });
const coordinator = given.actor({ role: 'coordinator', tenantId: LERO, regionId: REGION });
const regionAdmin = given.actor({ role: 'region-admin', regionId: REGION });
const otherRegionAdmin = given.actor({ role: 'region-admin', regionId: OTHER_REGION });
const platformAdmin = given.actor({ role: 'platform-admin' });

/** Runs `fn` and returns the AppError it throws; fails the test if it throws nothing or something else. */
function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

describe('authoriseTenant', () => {
  it('answers NOT_FOUND for a tenant that does not exist', () => {
    const err = appErrorOf(() => authoriseTenant(platformAdmin, null));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toBe('LERO was not found.');
  });

  it('hides another LERO behind the same NOT_FOUND as a missing one', () => {
    const missing = appErrorOf(() => authoriseTenant(tenantAdmin, null));
    const other = appErrorOf(() => authoriseTenant(tenantAdmin, given.tenant({ id: OTHER_LERO })));
    expect(other.code).toBe('NOT_FOUND');
    expect(other.message).toBe(missing.message);
    expect(other.details).toEqual(missing.details);
  });

  it('hides a LERO of another region from a region-admin', () => {
    const err = appErrorOf(() => authoriseTenant(otherRegionAdmin, given.tenant()));
    expect(err.code).toBe('NOT_FOUND');
  });

  it('hides a LERO from a commissioner of its region', () => {
    const commissioner = given.actor({ role: 'commissioner', regionId: REGION });
    expect(appErrorOf(() => authoriseTenant(commissioner, given.tenant())).code).toBe('NOT_FOUND');
  });

  it('hides a closed LERO of another LERO behind NOT_FOUND rather than revealing it is closed', () => {
    const err = appErrorOf(() =>
      authoriseTenant(tenantAdmin, given.tenant({ id: OTHER_LERO, status: 'suspended' })),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(err.details?.reason).toBeUndefined();
  });

  it.each(['onboarding', 'active'] as const)('lets its own tenant-admin read an %s LERO', (status) => {
    const tenant = given.tenant({ status });
    expect(authoriseTenant(tenantAdmin, tenant)).toBe(tenant);
  });

  it.each(['suspended', 'archived'] as const)(
    'refuses its own tenant-admin a %s LERO with reason TenantClosed',
    (status) => {
      const err = appErrorOf(() => authoriseTenant(tenantAdmin, given.tenant({ status })));
      expect(err.code).toBe('FORBIDDEN');
      expect(err.details?.reason).toBe('TenantClosed');
      expect(err.message).toContain(status);
    },
  );

  it.each(['suspended', 'archived'] as const)('refuses a coordinator of a %s LERO too', (status) => {
    const err = appErrorOf(() => authoriseTenant(coordinator, given.tenant({ status })));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.details?.reason).toBe('TenantClosed');
  });

  it('refuses a closed LERO for an update as well as for a read', () => {
    const err = appErrorOf(() =>
      authoriseTenant(tenantAdmin, given.tenant({ status: 'suspended' }), 'update'),
    );
    expect(err.details?.reason).toBe('TenantClosed');
  });

  it.each(['suspended', 'archived'] as const)(
    "lets the region's region-admin read and transition a %s LERO",
    (status) => {
      const tenant = given.tenant({ status });
      expect(authoriseTenant(regionAdmin, tenant)).toBe(tenant);
      expect(authoriseTenant(regionAdmin, tenant, 'transition')).toBe(tenant);
    },
  );

  it.each(['suspended', 'archived'] as const)(
    'lets a platform-admin read and transition a %s LERO',
    (status) => {
      const tenant = given.tenant({ status, regionId: OTHER_REGION });
      expect(authoriseTenant(platformAdmin, tenant)).toBe(tenant);
      expect(authoriseTenant(platformAdmin, tenant, 'transition')).toBe(tenant);
    },
  );

  it('refuses a tenant-admin who tries to transition its own LERO', () => {
    const err = appErrorOf(() => authoriseTenant(tenantAdmin, given.tenant(), 'transition'));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.details?.reason).toBeUndefined();
  });

  it('lets a tenant-admin update its own active LERO', () => {
    const tenant = given.tenant();
    expect(authoriseTenant(tenantAdmin, tenant, 'update')).toBe(tenant);
  });

  it('refuses a coordinator who tries to update its LERO', () => {
    const err = appErrorOf(() => authoriseTenant(coordinator, given.tenant(), 'update'));
    expect(err.code).toBe('FORBIDDEN');
  });

  it('does not let a tenant-admin of one region keep a closed LERO open through a region-admin grant elsewhere', () => {
    const mixed = given.actor(
      { role: 'tenant-admin', tenantId: LERO, regionId: REGION },
      { role: 'region-admin', regionId: OTHER_REGION },
    );
    const err = appErrorOf(() => authoriseTenant(mixed, given.tenant({ status: 'archived' })));
    expect(err.details?.reason).toBe('TenantClosed');
  });
});
