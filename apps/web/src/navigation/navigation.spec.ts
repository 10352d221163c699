import type { Grant, TenantView } from '@hearth/contracts';
import { invitableRoles } from '../team/team-roles';
import type { Viewer } from '../session/web-session';
import { describeGrant, homeFor, landingFor, navigationFor } from './navigation';

const viewer = (...grants: Grant[]): Viewer => ({
  accountId: 'a',
  email: 'a@example.org',
  displayName: 'A',
  grants,
  accessToken: 't',
  twoFactor: { enabled: true, setupRequired: false },
});
const lero = (over: Partial<TenantView> = {}) =>
  ({ id: 'l1', regionId: 'r1', status: 'active', ...over }) as TenantView;

describe('navigationFor', () => {
  it('shows a platform admin the regions and their account, with the current area marked', () => {
    expect(navigationFor(viewer({ role: 'platform-admin' }), '/regions/r1')).toEqual([
      { text: 'Regions', href: '/regions', active: true },
      { text: 'Your account', href: '/account', active: false },
    ]);
  });

  it('shows a coordinator of one LERO that LERO’s members, activities and sessions, and no regions', () => {
    const nav = navigationFor(
      viewer({ role: 'coordinator', tenantId: 'l1', regionId: 'r1' }),
      '/leros/l1/members/m1',
    );
    expect(nav.map((n) => n.href)).toEqual([
      '/leros/l1',
      '/leros/l1/members',
      '/leros/l1/activities',
      '/leros/l1/sessions',
      '/leros/l1/volunteering',
      '/leros/l1/asks',
      '/leros/l1/consultations',
      '/leros/l1/testimony',
      '/leros/l1/meetings',
      '/leros/l1/impact',
      '/leros/l1/directory',
      '/account',
    ]);
    expect(nav.filter((n) => n.active).map((n) => n.text)).toEqual(['Members']);
    expect(nav.find((n) => n.href === '/leros/l1/impact')?.text).toBe('Impact figures');
  });

  it('shows a commissioner their region’s impact report, marked current on it', () => {
    expect(navigationFor(viewer({ role: 'commissioner', regionId: 'r1' }), '/regions/r1/report')).toEqual([
      { text: 'Impact report', href: '/regions/r1/report', active: true },
      { text: 'Your account', href: '/account', active: false },
    ]);
    // Of several regions: the list of regions to choose from.
    const several = viewer(
      { role: 'commissioner', regionId: 'r1' },
      { role: 'commissioner', regionId: 'r2' },
    );
    expect(navigationFor(several, '/').map((n) => n.href)).toEqual(['/regions', '/account']);
    // A region admin has the regions, their region's report and its directory.
    expect(navigationFor(viewer({ role: 'region-admin', regionId: 'r1' }), '/').map((n) => n.text)).toEqual([
      'Regions',
      'Impact report',
      'Directory',
      'Your account',
    ]);
  });

  it('shows a directory curator their region’s directory, and the regions to choose from when they curate several', () => {
    expect(
      navigationFor(viewer({ role: 'directory-curator', regionId: 'r1' }), '/regions/r1/directory/listings'),
    ).toEqual([
      { text: 'Directory', href: '/regions/r1/directory', active: true },
      { text: 'Your account', href: '/account', active: false },
    ]);
    const several = viewer(
      { role: 'directory-curator', regionId: 'r1' },
      { role: 'directory-curator', regionId: 'r2' },
    );
    expect(navigationFor(several, '/').map((n) => n.href)).toEqual(['/regions', '/account']);
    // A LERO's staff suggest to its directory; a curator who is also in a LERO keeps one Directory item.
    const both = viewer(
      { role: 'directory-curator', regionId: 'r1' },
      { role: 'coordinator', tenantId: 'l1', regionId: 'r1' },
    );
    expect(navigationFor(both, '/').filter((n) => n.text === 'Directory')).toEqual([
      { text: 'Directory', href: '/regions/r1/directory', active: false },
    ]);
  });

  it('shows a volunteer the programme, and a linked member their profile too, but never the members', () => {
    expect(navigationFor(viewer({ role: 'volunteer', tenantId: 'l1' }), '/').map((n) => n.text)).toEqual([
      'Your LERO',
      'Activities',
      'Sessions',
      'Volunteering',
      'Your account',
    ]);
    const member = navigationFor(viewer({ role: 'member', tenantId: 'l1', memberId: 'm1' }), '/leros/l1/me');
    expect(member.map((n) => n.text)).toEqual([
      'Your LERO',
      'Activities',
      'Sessions',
      'Volunteering',
      'You said, we did',
      'Consultations',
      'Testimony',
      'Your profile',
      'Your account',
    ]);
    expect(member.find((n) => n.active)?.text).toBe('Your profile');
  });

  it('shows Volunteering to everyone in the LERO, marked current on its pages, and to nobody outside one', () => {
    const nav = navigationFor(
      viewer({ role: 'member', tenantId: 'l1', memberId: 'm1' }),
      '/leros/l1/volunteering/rota',
    );
    expect(nav.find((n) => n.active)).toEqual({
      text: 'Volunteering',
      href: '/leros/l1/volunteering',
      active: true,
    });
    for (const role of ['region-admin', 'commissioner', 'directory-curator', 'platform-admin'] as const)
      expect(navigationFor(viewer({ role, regionId: 'r1' }), '/').map((n) => n.text)).not.toContain(
        'Volunteering',
      );
  });

  it('shows the LERO’s asks to its staff and members, marked current on their pages, and not to volunteers', () => {
    const nav = navigationFor(viewer({ role: 'tenant-admin', tenantId: 'l1' }), '/leros/l1/asks/a1/edit');
    expect(nav.find((n) => n.active)).toEqual({
      text: 'You said, we did',
      href: '/leros/l1/asks',
      active: true,
    });
    expect(
      navigationFor(viewer({ role: 'volunteer', tenantId: 'l1' }), '/').map((n) => n.href),
    ).not.toContain('/leros/l1/asks');
  });

  it('gathers several LEROs under one item', () => {
    const nav = navigationFor(
      viewer({ role: 'member', tenantId: 'l1' }, { role: 'volunteer', tenantId: 'l2' }),
      '/',
    );
    expect(nav[0]).toEqual({ text: 'Your LEROs', href: '/leros', active: false });
  });
});

describe('homeFor', () => {
  it.each([
    [[{ role: 'region-admin', regionId: 'r1' }], '/regions'],
    [[{ role: 'tenant-admin', tenantId: 'l1' }], '/leros/l1'],
    [[{ role: 'commissioner', regionId: 'r1' }], '/regions/r1/report'],
    [
      [
        { role: 'commissioner', regionId: 'r1' },
        { role: 'commissioner', regionId: 'r2' },
      ],
      '/regions',
    ],
    [[{ role: 'directory-curator', regionId: 'r1' }], '/regions/r1/directory'],
    [
      [
        { role: 'directory-curator', regionId: 'r1' },
        { role: 'directory-curator', regionId: 'r2' },
      ],
      '/regions',
    ],
    [[], '/account'],
  ] as [Grant[], string][])('sends %j to %s', (grants, home) => {
    expect(homeFor(viewer(...grants))).toBe(home);
  });
});

describe('describeGrant', () => {
  const names = { regions: new Map([['r1', 'North East']]), tenants: new Map([['l1', 'Phoenix']]) };

  it('names the place a grant reaches', () => {
    expect(describeGrant({ role: 'region-admin', regionId: 'r1' }, names)).toMatch(
      /^Region admin for the North East region/,
    );
    expect(describeGrant({ role: 'coordinator', tenantId: 'l1' }, names)).toMatch(/^Coordinator at Phoenix/);
  });

  it('says "a region" or "a LERO" where the name is not known to this person', () => {
    expect(describeGrant({ role: 'commissioner', regionId: 'r9' }, names)).toMatch(
      /^Commissioner for a region/,
    );
    expect(describeGrant({ role: 'member', tenantId: 'l9' }, names)).toBe('Member of a LERO');
  });
});

describe('invitableRoles', () => {
  it('lets a coordinator invite volunteers and members only', () => {
    expect(invitableRoles(viewer({ role: 'coordinator', tenantId: 'l1' }), lero())).toEqual([
      'volunteer',
      'member',
    ]);
  });

  it('lets a tenant admin invite every LERO role', () => {
    const all = ['tenant-admin', 'coordinator', 'volunteer', 'member'];
    expect(invitableRoles(viewer({ role: 'tenant-admin', tenantId: 'l1' }), lero())).toEqual(all);
  });

  it('lets the region’s staff invite only the first admin of a LERO that is onboarding', () => {
    for (const staff of [
      viewer({ role: 'region-admin', regionId: 'r1' }),
      viewer({ role: 'platform-admin' }),
    ]) {
      expect(invitableRoles(staff, lero({ status: 'onboarding' }))).toEqual(['tenant-admin']);
      expect(invitableRoles(staff, lero())).toEqual([]);
      expect(invitableRoles(staff, lero({ status: 'suspended' }))).toEqual([]);
    }
  });

  it('lets nobody invite to an archived LERO, nor an admin of another region or LERO', () => {
    expect(invitableRoles(viewer({ role: 'platform-admin' }), lero({ status: 'archived' }))).toEqual([]);
    expect(invitableRoles(viewer({ role: 'region-admin', regionId: 'r2' }), lero())).toEqual([]);
    expect(invitableRoles(viewer({ role: 'tenant-admin', tenantId: 'l2' }), lero())).toEqual([]);
    expect(invitableRoles(viewer({ role: 'volunteer', tenantId: 'l1' }), lero())).toEqual([]);
  });
});

describe('landingFor', () => {
  it('sends an admin whose role waits for two-factor sign-in to set it up, whatever page they asked for', () => {
    const waiting = { ...viewer(), twoFactor: { enabled: false, setupRequired: true } };
    expect(landingFor(waiting, '/leros/l1')).toBe('/account/two-factor/set-up');
    expect(landingFor(viewer({ role: 'platform-admin' }), '/regions/r1')).toBe('/regions/r1');
    expect(landingFor(viewer({ role: 'platform-admin' }))).toBe('/regions');
  });
});
