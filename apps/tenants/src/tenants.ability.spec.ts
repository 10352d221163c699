import { subject, type Action } from '@hearth/auth';
import { REGION_ROLES, TENANT_ROLES, type Actor, type Grant } from '@hearth/contracts';
import { tenantsAbility } from './tenants.ability';

const REGION = '01900000-0000-7000-8000-00000000000a';
const OTHER_REGION = '01900000-0000-7000-8000-00000000000b';
const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER_LERO = '01900000-0000-7000-8000-0000000000a2';
const LERO_IN_OTHER_REGION = '01900000-0000-7000-8000-0000000000b1';

const actor = (...grants: Grant[]): Actor => ({
  accountId: '01900000-0000-7000-8000-000000000001',
  email: 'someone@example.org',
  grants,
});

const tenant = (id = LERO, regionId = REGION) => subject('Tenant', { id, regionId });
const region = (id = REGION) => subject('Region', { id });
const tenantInvitation = (role: string, tenantId = LERO, regionId = REGION, status = 'active') =>
  subject('TenantInvitation', { tenantId, regionId, role, status });
const grantOf = (role: string, tenantId = LERO, regionId = REGION) =>
  subject('TenantGrant', { tenantId, regionId, role });
const team = (tenantId = LERO, regionId = REGION) => subject('Team', { tenantId, regionId });
const regionInvitation = (role: string, regionId = REGION) => subject('RegionInvitation', { regionId, role });
const audit = (tenantId = LERO, regionId = REGION) => subject('Audit', { tenantId, regionId });

const TENANT_ACTIONS: Action[] = ['create', 'read', 'update', 'transition', 'delete'];

describe('tenantsAbility', () => {
  describe('platform-admin', () => {
    const ability = tenantsAbility(actor({ role: 'platform-admin' }));

    it('creates, reads, updates and transitions any tenant, and deletes none', () => {
      for (const action of ['create', 'read', 'update', 'transition'] as Action[]) {
        expect(ability.can(action, tenant(LERO_IN_OTHER_REGION, OTHER_REGION))).toBe(true);
      }
      expect(ability.can('delete', tenant())).toBe(false);
    });

    it('invites any region role, but into a LERO only its first admin while it is onboarding', () => {
      for (const role of REGION_ROLES)
        expect(ability.can('invite', regionInvitation(role, OTHER_REGION))).toBe(true);
      expect(ability.can('invite', tenantInvitation('tenant-admin', LERO, REGION, 'onboarding'))).toBe(true);
      for (const role of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(role))).toBe(false);
      for (const role of ['coordinator', 'volunteer', 'member'])
        expect(ability.can('invite', tenantInvitation(role, LERO, REGION, 'onboarding'))).toBe(false);
      expect(ability.can('read', region(OTHER_REGION))).toBe(true);
      expect(ability.can('read', audit(LERO_IN_OTHER_REGION, OTHER_REGION))).toBe(true);
    });

    it('appoints an admin with notice, disables accounts, but takes no role away inside a LERO', () => {
      expect(ability.can('create', subject('AdminAppointment', { regionId: OTHER_REGION }))).toBe(true);
      expect(ability.can('update', subject('Account', { id: LERO }))).toBe(true);
      for (const role of TENANT_ROLES) expect(ability.can('delete', grantOf(role))).toBe(false);
      expect(ability.can('export', subject('MemberData', { tenantId: LERO }))).toBe(false);
    });
  });

  describe('region-admin', () => {
    const ability = tenantsAbility(actor({ role: 'region-admin', regionId: REGION }));

    it('creates, reads, updates and transitions tenants of its region', () => {
      for (const action of ['create', 'read', 'update', 'transition'] as Action[]) {
        expect(ability.can(action, tenant(LERO, REGION))).toBe(true);
        expect(ability.can(action, tenant(OTHER_LERO, REGION))).toBe(true);
      }
    });

    it('cannot delete a tenant, even in its region', () => {
      expect(ability.can('delete', tenant())).toBe(false);
    });

    it('invites only a LERO’s first admin, while it is onboarding', () => {
      expect(ability.can('invite', tenantInvitation('tenant-admin', LERO, REGION, 'onboarding'))).toBe(true);
      for (const role of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(role))).toBe(false);
      expect(
        ability.can(
          'invite',
          tenantInvitation('tenant-admin', LERO_IN_OTHER_REGION, OTHER_REGION, 'onboarding'),
        ),
      ).toBe(false);
    });

    it('sees a LERO’s team and appoints an admin with notice in its region, but takes no role away', () => {
      expect(ability.can('read', team())).toBe(true);
      expect(ability.can('read', team(LERO_IN_OTHER_REGION, OTHER_REGION))).toBe(false);
      expect(ability.can('create', subject('AdminAppointment', { regionId: REGION }))).toBe(true);
      expect(ability.can('create', subject('AdminAppointment', { regionId: OTHER_REGION }))).toBe(false);
      for (const role of TENANT_ROLES) expect(ability.can('delete', grantOf(role))).toBe(false);
      expect(ability.can('update', subject('Account', { id: LERO }))).toBe(false);
    });

    it('invites region roles for its own region', () => {
      for (const role of REGION_ROLES) expect(ability.can('invite', regionInvitation(role))).toBe(true);
    });

    it('reads its region and the audit of its LEROs', () => {
      expect(ability.can('read', region())).toBe(true);
      expect(ability.can('read', audit())).toBe(true);
    });

    it('can do nothing in another region', () => {
      for (const action of [...TENANT_ACTIONS, 'manage'] as Action[]) {
        expect(ability.can(action, tenant(LERO_IN_OTHER_REGION, OTHER_REGION))).toBe(false);
      }
      for (const role of TENANT_ROLES) {
        expect(ability.can('invite', tenantInvitation(role, LERO_IN_OTHER_REGION, OTHER_REGION))).toBe(false);
      }
      for (const role of REGION_ROLES) {
        expect(ability.can('invite', regionInvitation(role, OTHER_REGION))).toBe(false);
      }
      expect(ability.can('read', region(OTHER_REGION))).toBe(false);
      expect(ability.can('read', audit(LERO_IN_OTHER_REGION, OTHER_REGION))).toBe(false);
    });
  });

  describe('commissioner', () => {
    const ability = tenantsAbility(actor({ role: 'commissioner', regionId: REGION }));

    it('reads its own region only', () => {
      expect(ability.can('read', region())).toBe(true);
      expect(ability.can('read', region(OTHER_REGION))).toBe(false);
      expect(ability.can('update', region())).toBe(false);
    });

    it('cannot read tenants, even those of its region', () => {
      expect(ability.can('read', tenant())).toBe(false);
      expect(ability.can('read', audit())).toBe(false);
    });

    it('cannot invite anyone', () => {
      for (const role of REGION_ROLES) expect(ability.can('invite', regionInvitation(role))).toBe(false);
      for (const role of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(role))).toBe(false);
    });
  });

  describe('directory-curator', () => {
    const ability = tenantsAbility(actor({ role: 'directory-curator', regionId: REGION }));

    it('reads its own region, and nothing else of it: no LERO, no team, no invitation', () => {
      expect(ability.can('read', region())).toBe(true);
      expect(ability.can('read', region(OTHER_REGION))).toBe(false);
      expect(ability.can('read', tenant())).toBe(false);
      expect(ability.can('read', subject('RegionTeam', { regionId: REGION }))).toBe(false);
      expect(ability.can('delete', subject('RegionGrant', { regionId: REGION }))).toBe(false);
      for (const role of REGION_ROLES) expect(ability.can('invite', regionInvitation(role))).toBe(false);
      for (const role of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(role))).toBe(false);
    });
  });

  describe('tenant-admin', () => {
    const ability = tenantsAbility(actor({ role: 'tenant-admin', tenantId: LERO, regionId: REGION }));

    it('reads and updates its own LERO', () => {
      expect(ability.can('read', tenant())).toBe(true);
      expect(ability.can('update', tenant())).toBe(true);
    });

    it('cannot read or update another LERO of the same region', () => {
      expect(ability.can('read', tenant(OTHER_LERO))).toBe(false);
      expect(ability.can('update', tenant(OTHER_LERO))).toBe(false);
    });

    it('cannot transition, create or delete its LERO', () => {
      expect(ability.can('transition', tenant())).toBe(false);
      expect(ability.can('create', tenant())).toBe(false);
      expect(ability.can('delete', tenant())).toBe(false);
    });

    it('may invite any tenant role to its own LERO', () => {
      for (const role of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(role))).toBe(true);
    });

    it('cannot invite to another LERO or invite region roles', () => {
      for (const role of TENANT_ROLES)
        expect(ability.can('invite', tenantInvitation(role, OTHER_LERO))).toBe(false);
      for (const role of REGION_ROLES) expect(ability.can('invite', regionInvitation(role))).toBe(false);
    });

    it('reads the audit of its own LERO only', () => {
      expect(ability.can('read', audit())).toBe(true);
      expect(ability.can('read', audit(OTHER_LERO))).toBe(false);
    });

    it('sees its team and takes any role away in its own LERO only; appoints nobody with break glass', () => {
      expect(ability.can('read', team())).toBe(true);
      expect(ability.can('read', team(OTHER_LERO))).toBe(false);
      for (const role of TENANT_ROLES) {
        expect(ability.can('delete', grantOf(role))).toBe(true);
        expect(ability.can('delete', grantOf(role, OTHER_LERO))).toBe(false);
      }
      expect(ability.can('create', subject('AdminAppointment', { regionId: REGION }))).toBe(false);
    });
  });

  describe('coordinator', () => {
    const ability = tenantsAbility(actor({ role: 'coordinator', tenantId: LERO, regionId: REGION }));

    it('reads its own LERO but not another', () => {
      expect(ability.can('read', tenant())).toBe(true);
      expect(ability.can('read', tenant(OTHER_LERO))).toBe(false);
    });

    it('may invite volunteers and members to its LERO', () => {
      expect(ability.can('invite', tenantInvitation('volunteer'))).toBe(true);
      expect(ability.can('invite', tenantInvitation('member'))).toBe(true);
    });

    it('may not invite a tenant-admin or a coordinator', () => {
      expect(ability.can('invite', tenantInvitation('tenant-admin'))).toBe(false);
      expect(ability.can('invite', tenantInvitation('coordinator'))).toBe(false);
    });

    it('may not invite even a member to another LERO', () => {
      expect(ability.can('invite', tenantInvitation('member', OTHER_LERO))).toBe(false);
    });

    it('sees its team and takes away volunteer and member roles only', () => {
      expect(ability.can('read', team())).toBe(true);
      expect(ability.can('delete', grantOf('volunteer'))).toBe(true);
      expect(ability.can('delete', grantOf('member'))).toBe(true);
      expect(ability.can('delete', grantOf('coordinator'))).toBe(false);
      expect(ability.can('delete', grantOf('tenant-admin'))).toBe(false);
      expect(ability.can('delete', grantOf('member', OTHER_LERO))).toBe(false);
    });

    it('cannot update or transition its LERO, nor read its audit', () => {
      expect(ability.can('update', tenant())).toBe(false);
      expect(ability.can('transition', tenant())).toBe(false);
      expect(ability.can('read', audit())).toBe(false);
    });
  });

  describe.each(['volunteer', 'member'] as const)('%s', (role) => {
    const ability = tenantsAbility(actor({ role, tenantId: LERO, regionId: REGION }));

    it('reads its own LERO only', () => {
      expect(ability.can('read', tenant())).toBe(true);
      expect(ability.can('read', tenant(OTHER_LERO))).toBe(false);
    });

    it('can do nothing else', () => {
      for (const action of ['create', 'update', 'transition', 'delete'] as Action[]) {
        expect(ability.can(action, tenant())).toBe(false);
      }
      for (const r of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(r))).toBe(false);
      for (const r of TENANT_ROLES) expect(ability.can('delete', grantOf(r))).toBe(false);
      expect(ability.can('read', team())).toBe(false);
      expect(ability.can('read', audit())).toBe(false);
      expect(ability.can('read', region())).toBe(false);
    });
  });

  describe('an actor with no grants', () => {
    it.each([
      ['no grants', actor()],
      ['no actor at all', undefined],
    ])('can do nothing (%s)', (_label, who) => {
      const ability = tenantsAbility(who);
      for (const action of [...TENANT_ACTIONS, 'manage'] as Action[])
        expect(ability.can(action, tenant())).toBe(false);
      expect(ability.can('read', region())).toBe(false);
      expect(ability.can('read', audit())).toBe(false);
      for (const role of TENANT_ROLES) expect(ability.can('invite', tenantInvitation(role))).toBe(false);
      for (const role of REGION_ROLES) expect(ability.can('invite', regionInvitation(role))).toBe(false);
      expect(ability.rules).toHaveLength(0);
    });
  });

  describe('MemberData (a person’s data export)', () => {
    const MEMBER = '01900000-0000-7000-8000-0000000000c1';
    const data = (tenantId = LERO, memberId = MEMBER) => subject('MemberData', { tenantId, memberId });

    it.each(['tenant-admin', 'coordinator'] as const)(
      'lets a %s export anyone of its own LERO only',
      (role) => {
        const ability = tenantsAbility(actor({ role, tenantId: LERO }));
        expect(ability.can('export', data())).toBe(true);
        expect(ability.can('export', data(OTHER_LERO))).toBe(false);
      },
    );

    it('lets a member export only their own linked record', () => {
      const ability = tenantsAbility(actor({ role: 'member', tenantId: LERO, memberId: MEMBER }));
      expect(ability.can('export', data())).toBe(true);
      expect(ability.can('export', data(LERO, OTHER_LERO))).toBe(false);
      expect(tenantsAbility(actor({ role: 'member', tenantId: LERO })).can('export', data())).toBe(false);
    });

    it('lets no volunteer, commissioner or region-admin export anyone', () => {
      for (const grant of [
        { role: 'volunteer', tenantId: LERO },
        { role: 'commissioner', regionId: REGION },
        { role: 'region-admin', regionId: REGION },
      ] as Grant[])
        expect(tenantsAbility(actor(grant)).can('export', data())).toBe(false);
    });
  });

  it('combines grants: a tenant-admin of one LERO who volunteers in another can update only the first', () => {
    const ability = tenantsAbility(
      actor(
        { role: 'tenant-admin', tenantId: LERO, regionId: REGION },
        { role: 'volunteer', tenantId: OTHER_LERO, regionId: REGION },
      ),
    );
    expect(ability.can('update', tenant(LERO))).toBe(true);
    expect(ability.can('read', tenant(OTHER_LERO))).toBe(true);
    expect(ability.can('update', tenant(OTHER_LERO))).toBe(false);
    expect(ability.can('invite', tenantInvitation('member', OTHER_LERO))).toBe(false);
  });
});
