import { AppError, type Actor, type Grant } from '@hearth/contracts';
import { subject } from '@hearth/auth';
import { reportingAbility } from './reporting.ability';
import { authoriseLero, authoriseRegion } from './reporting-access';

const REGION = '01900000-0000-7000-8000-00000000000a';
const OTHER_REGION = '01900000-0000-7000-8000-00000000000b';
const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER_LERO = '01900000-0000-7000-8000-0000000000a2';

const actor = (...grants: Grant[]): Actor => ({
  accountId: '01900000-0000-7000-8000-000000000001',
  email: 'a@example.org',
  grants,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
};

describe('reporting abilities', () => {
  it.each([
    ['platform-admin', { role: 'platform-admin' }, 'allowed', 'allowed', 'allowed'],
    ['region-admin', { role: 'region-admin', regionId: REGION }, 'allowed', 'NOT_FOUND', 'allowed'],
    ['commissioner', { role: 'commissioner', regionId: REGION }, 'allowed', 'NOT_FOUND', 'FORBIDDEN'],
    [
      'tenant-admin',
      { role: 'tenant-admin', tenantId: LERO, regionId: REGION },
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ],
    [
      'coordinator',
      { role: 'coordinator', tenantId: LERO, regionId: REGION },
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ],
    [
      'volunteer',
      { role: 'volunteer', tenantId: LERO, regionId: REGION },
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ],
    ['member', { role: 'member', tenantId: LERO, regionId: REGION }, 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ] as const)(
    '%s: own region report, another region’s, changing the threshold',
    (_who, grant, own, other, settings) => {
      const a = actor(grant as Grant);
      expect(codeOf(() => authoriseRegion(a, REGION, 'RegionReport'))).toBe(own);
      expect(codeOf(() => authoriseRegion(a, OTHER_REGION, 'RegionReport'))).toBe(
        other === 'allowed' ? 'allowed' : other,
      );
      expect(codeOf(() => authoriseRegion(a, REGION, 'ReportingSettings', 'update'))).toBe(settings);
    },
  );

  it.each([
    ['tenant-admin', { role: 'tenant-admin', tenantId: LERO, regionId: REGION }, 'allowed'],
    ['coordinator', { role: 'coordinator', tenantId: LERO, regionId: REGION }, 'allowed'],
    ['volunteer', { role: 'volunteer', tenantId: LERO, regionId: REGION }, 'FORBIDDEN'],
    ['member', { role: 'member', tenantId: LERO, regionId: REGION }, 'FORBIDDEN'],
    ['region-admin', { role: 'region-admin', regionId: REGION }, 'FORBIDDEN'],
    ['platform-admin', { role: 'platform-admin' }, 'FORBIDDEN'],
    ['commissioner', { role: 'commissioner', regionId: REGION }, 'NOT_FOUND'],
    ['another region’s admin', { role: 'region-admin', regionId: OTHER_REGION }, 'NOT_FOUND'],
    ['another LERO’s admin', { role: 'tenant-admin', tenantId: OTHER_LERO, regionId: REGION }, 'NOT_FOUND'],
  ] as const)('%s and a LERO’s own exact figures', (_who, grant, expected) => {
    expect(codeOf(() => authoriseLero(actor(grant as Grant), LERO, REGION))).toBe(expected);
  });

  it('gives nobody anything, and no rule mentions people', () => {
    expect(codeOf(() => authoriseRegion(undefined, REGION, 'RegionReport'))).toBe('UNAUTHENTICATED');
    expect(reportingAbility(actor()).rules).toHaveLength(0);
    const all = reportingAbility(actor({ role: 'platform-admin' }));
    expect(all.can('read', subject('Member', { tenantId: LERO }))).toBe(false);
  });
});
