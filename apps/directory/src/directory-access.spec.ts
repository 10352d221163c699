import { AppError, type Actor, type Role } from '@hearth/contracts';
import { authoriseInLero, authoriseInRegion, regionOfLero } from './directory-access';

const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER = '01900000-0000-7000-8000-0000000000a2';
const REGION = '01900000-0000-7000-8000-0000000000c1';
const ELSEWHERE = '01900000-0000-7000-8000-0000000000c2';
const actor = (
  role: Role,
  tenantId: string | undefined = LERO,
  regionId: string | undefined = REGION,
): Actor => ({
  accountId: '01900000-0000-7000-8000-0000000000b1',
  email: `${role}@example.org`,
  grants: [{ role, ...(tenantId ? { tenantId } : {}), ...(regionId ? { regionId } : {}) }],
});
const regionActor = (role: Role, regionId = REGION) => actor(role, undefined, regionId);
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `other: ${String(err)}`;
  }
  return 'allowed';
};

describe('the directory gate', () => {
  it('lets a region admin curate the region’s listings, and makes its RegionId', () => {
    for (const action of ['create', 'read', 'update', 'delete'] as const)
      expect(authoriseInRegion(regionActor('region-admin'), REGION, action).regionId).toBe(REGION);
  });

  it('lets a directory curator do in the directory all a region admin does, except set the team’s address', () => {
    const curator = regionActor('directory-curator');
    for (const action of ['create', 'read', 'update', 'delete'] as const)
      expect(authoriseInRegion(curator, REGION, action).regionId).toBe(REGION);
    for (const action of ['read', 'update'] as const) {
      expect(refusal(() => authoriseInRegion(curator, REGION, action, 'Suggestion'))).toBe('allowed');
      expect(
        refusal(() => authoriseInRegion(regionActor('region-admin'), REGION, action, 'Suggestion')),
      ).toBe('allowed');
    }
    expect(refusal(() => authoriseInRegion(curator, REGION, 'read', 'DirectorySettings'))).toBe('allowed');
    expect(refusal(() => authoriseInRegion(curator, REGION, 'update', 'DirectorySettings'))).toBe(
      'FORBIDDEN',
    );
    expect(
      refusal(() => authoriseInRegion(regionActor('region-admin'), REGION, 'update', 'DirectorySettings')),
    ).toBe('allowed');
  });

  it('answers another region’s curator as if the region did not exist', () => {
    expect(
      refusal(() =>
        authoriseInRegion(regionActor('directory-curator', ELSEWHERE), REGION, 'read', 'Suggestion'),
      ),
    ).toBe('NOT_FOUND');
  });

  it('lets a commissioner see no suggestion and no settings, and decide nothing', () => {
    for (const what of ['Suggestion', 'DirectorySettings'] as const)
      for (const action of ['read', 'update'] as const)
        expect(refusal(() => authoriseInRegion(regionActor('commissioner'), REGION, action, what))).toBe(
          'FORBIDDEN',
        );
  });

  it('gives a LERO’s people no say over suggestions in the region', () => {
    for (const role of ['tenant-admin', 'coordinator'] as const)
      expect(refusal(() => authoriseInRegion(actor(role), REGION, 'update', 'Suggestion'))).toBe('NOT_FOUND');
  });

  it('files a LERO’s suggestions in the region the tenants service names for it, and only for that LERO', () => {
    const lero = authoriseInLero(actor('coordinator'), LERO, 'create', 'Suggestion');
    expect(regionOfLero(lero, { tenantId: LERO, regionId: REGION, status: 'active' })).toBe(REGION);
    expect(refusal(() => regionOfLero(lero, { tenantId: OTHER, regionId: REGION, status: 'active' }))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets a commissioner read the listings but change nothing', () => {
    expect(refusal(() => authoriseInRegion(regionActor('commissioner'), REGION, 'read'))).toBe('allowed');
    for (const action of ['create', 'update', 'delete'] as const)
      expect(refusal(() => authoriseInRegion(regionActor('commissioner'), REGION, action))).toBe('FORBIDDEN');
  });

  it('answers a platform admin as if the region did not exist (so an unknown region id is 404, never an empty 200)', () => {
    for (const action of ['read', 'create'] as const)
      expect(refusal(() => authoriseInRegion(regionActor('platform-admin'), REGION, action))).toBe(
        'NOT_FOUND',
      );
  });

  it('answers another region’s admin, and a LERO’s people, as if the region did not exist', () => {
    expect(refusal(() => authoriseInRegion(regionActor('region-admin', ELSEWHERE), REGION, 'read'))).toBe(
      'NOT_FOUND',
    );
    for (const role of ['tenant-admin', 'coordinator', 'volunteer', 'member'] as const)
      expect(refusal(() => authoriseInRegion(actor(role), REGION, 'read'))).toBe('NOT_FOUND');
  });

  it.each<Role>(['tenant-admin', 'coordinator'])('lets a %s of the LERO suggest listings there', (role) => {
    const authorised = authoriseInLero(actor(role), LERO, 'create', 'Suggestion');
    expect(authorised.tenantId).toBe(LERO);
  });

  it.each<Role>(['tenant-admin', 'coordinator', 'volunteer'])(
    'lets a %s of the LERO record signposts there, in the region the tenants service names',
    (role) => {
      const lero = authoriseInLero(actor(role), LERO, 'create', 'Signpost');
      expect(regionOfLero(lero, { tenantId: LERO, regionId: REGION, status: 'active' })).toBe(REGION);
      expect(
        refusal(() => regionOfLero(lero, { tenantId: OTHER, regionId: ELSEWHERE, status: 'active' })),
      ).toBe('NOT_FOUND');
    },
  );

  it('answers someone of another LERO as if this one did not exist', () => {
    expect(refusal(() => authoriseInLero(actor('volunteer', OTHER), LERO, 'create', 'Signpost'))).toBe(
      'NOT_FOUND',
    );
    const regionAdmin: Actor = {
      ...actor('region-admin'),
      grants: [{ role: 'region-admin', regionId: REGION }],
    };
    expect(refusal(() => authoriseInLero(regionAdmin, LERO, 'create', 'Signpost'))).toBe('NOT_FOUND');
    expect(refusal(() => authoriseInLero(actor('tenant-admin', OTHER), LERO, 'read', 'Suggestion'))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses someone of the LERO without the right', () => {
    expect(refusal(() => authoriseInLero(actor('member'), LERO, 'create', 'Signpost'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(actor('volunteer'), LERO, 'create', 'Suggestion'))).toBe(
      'FORBIDDEN',
    );
  });

  it('asks who is asking first', () => {
    expect(refusal(() => authoriseInRegion(undefined, REGION, 'read'))).toBe('UNAUTHENTICATED');
    expect(refusal(() => authoriseInLero(undefined, LERO, 'read', 'Suggestion'))).toBe('UNAUTHENTICATED');
  });
});
