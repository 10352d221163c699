import { AppError, type Actor, type Grant, type Role } from '@hearth/contracts';
import {
  authoriseContributor,
  authoriseInLero,
  authoriseInRegion,
  authoriseRespondent,
} from './advocacy-access';

const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER = '01900000-0000-7000-8000-0000000000a2';
const REGION = '01900000-0000-7000-8000-0000000000c1';
const MEMBER = '01900000-0000-7000-8000-0000000000d1';
const actor = (grant: Grant): Actor => ({
  accountId: '01900000-0000-7000-8000-0000000000b1',
  email: 'someone@example.org',
  grants: [grant],
});
const inLero = (role: Role, extra: Partial<Grant> = {}) =>
  actor({ role, tenantId: LERO, regionId: REGION, ...extra });
const inRegion = (role: Role, regionId = REGION) => actor({ role, regionId });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `other: ${String(err)}`;
  }
  return 'allowed';
};

describe('the advocacy gate', () => {
  it.each<Role>(['tenant-admin', 'coordinator'])(
    'lets a %s run the LERO’s consultations and read every result',
    (role) => {
      for (const action of ['create', 'read', 'update'] as const)
        expect(refusal(() => authoriseInLero(inLero(role), LERO, action, 'Consultation'))).toBe('allowed');
      expect(refusal(() => authoriseInLero(inLero(role), LERO, 'read', 'FreeText'))).toBe('allowed');
    },
  );

  it('lets a member read open consultations and respond, nothing else', () => {
    const member = inLero('member', { memberId: MEMBER });
    expect(refusal(() => authoriseInLero(member, LERO, 'read', 'Consultation', { status: 'open' }))).toBe(
      'allowed',
    );
    expect(refusal(() => authoriseInLero(member, LERO, 'read', 'Consultation', { status: 'draft' }))).toBe(
      'FORBIDDEN',
    );
    expect(refusal(() => authoriseInLero(member, LERO, 'read', 'Results'))).toBe('FORBIDDEN');
    expect(authoriseRespondent(member, LERO).memberId).toBe(MEMBER);
  });

  it('refuses a response from an account not linked to a member record, and from a volunteer', () => {
    expect(refusal(() => authoriseRespondent(inLero('member'), LERO))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseRespondent(inLero('volunteer'), LERO))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseRespondent(inLero('coordinator'), LERO))).toBe('FORBIDDEN');
  });

  it('answers someone of another LERO, and region staff, as if the LERO did not exist', () => {
    expect(
      refusal(() =>
        authoriseInLero(actor({ role: 'tenant-admin', tenantId: OTHER }), LERO, 'read', 'Consultation'),
      ),
    ).toBe('NOT_FOUND');
    expect(refusal(() => authoriseInLero(inRegion('region-admin'), LERO, 'read', 'Consultation'))).toBe(
      'NOT_FOUND',
    );
    expect(refusal(() => authoriseInLero(inRegion('commissioner'), LERO, 'read', 'Results'))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets a region-admin run the region’s consultations; a commissioner reads counts only', () => {
    expect(authoriseInRegion(inRegion('region-admin'), REGION, 'create', 'Consultation').regionId).toBe(
      REGION,
    );
    expect(refusal(() => authoriseInRegion(inRegion('region-admin'), REGION, 'read', 'FreeText'))).toBe(
      'allowed',
    );
    expect(refusal(() => authoriseInRegion(inRegion('commissioner'), REGION, 'read', 'Results'))).toBe(
      'allowed',
    );
    expect(refusal(() => authoriseInRegion(inRegion('commissioner'), REGION, 'read', 'FreeText'))).toBe(
      'FORBIDDEN',
    );
    expect(refusal(() => authoriseInRegion(inRegion('commissioner'), REGION, 'read', 'Consultation'))).toBe(
      'FORBIDDEN',
    );
    expect(
      refusal(() => authoriseInRegion(inRegion('directory-curator'), REGION, 'read', 'Consultation')),
    ).toBe('FORBIDDEN');
  });

  it('answers another region’s staff and a LERO’s people on region routes as a missing region', () => {
    expect(
      refusal(() => authoriseInRegion(inRegion('region-admin', OTHER), REGION, 'read', 'Consultation')),
    ).toBe('NOT_FOUND');
    expect(refusal(() => authoriseInRegion(inLero('tenant-admin'), REGION, 'read', 'Consultation'))).toBe(
      'NOT_FOUND',
    );
    expect(
      refusal(() => authoriseInRegion(actor({ role: 'platform-admin' }), REGION, 'read', 'Consultation')),
    ).toBe('NOT_FOUND');
  });

  it('keeps the representation log to the LERO’s staff (ADR 0069)', () => {
    for (const role of ['tenant-admin', 'coordinator'] as const)
      for (const action of ['create', 'read', 'update', 'delete'] as const)
        expect(refusal(() => authoriseInLero(inLero(role), LERO, action, 'Representation'))).toBe('allowed');
    for (const who of [inLero('volunteer'), inLero('member', { memberId: MEMBER })])
      expect(refusal(() => authoriseInLero(who, LERO, 'read', 'Representation'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(inRegion('region-admin'), LERO, 'read', 'Representation'))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets a LERO’s staff run its testimony themes and a linked member contribute (ADR 0066)', () => {
    for (const role of ['tenant-admin', 'coordinator'] as const) {
      for (const action of ['create', 'read', 'update'] as const)
        expect(refusal(() => authoriseInLero(inLero(role), LERO, action, 'Theme'))).toBe('allowed');
      expect(refusal(() => authoriseInLero(inLero(role), LERO, 'update', 'Piece'))).toBe('allowed');
      expect(refusal(() => authoriseContributor(inLero(role), LERO, 'create'))).toBe('FORBIDDEN');
    }
    const member = inLero('member', { memberId: MEMBER });
    expect(refusal(() => authoriseInLero(member, LERO, 'read', 'Theme', { status: 'open' }))).toBe('allowed');
    expect(refusal(() => authoriseInLero(member, LERO, 'read', 'Theme', { status: 'draft' }))).toBe(
      'FORBIDDEN',
    );
    expect(refusal(() => authoriseInLero(member, LERO, 'read', 'Piece'))).toBe('FORBIDDEN');
    expect(authoriseContributor(member, LERO, 'create').memberId).toBe(MEMBER);
    expect(refusal(() => authoriseContributor(inLero('member'), LERO, 'create'))).toBe('FORBIDDEN');
    expect(
      refusal(() =>
        authoriseInLero(member, LERO, 'export', 'MemberData', { memberId: MEMBER.toLowerCase() }),
      ),
    ).toBe('allowed');
    expect(refusal(() => authoriseInLero(member, LERO, 'export', 'MemberData', { memberId: OTHER }))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets a region-admin run the region’s testimony themes, and nobody else of the region (ADR 0076)', () => {
    for (const action of ['create', 'read', 'update'] as const)
      expect(refusal(() => authoriseInRegion(inRegion('region-admin'), REGION, action, 'Theme'))).toBe(
        'allowed',
      );
    expect(refusal(() => authoriseInRegion(inRegion('region-admin'), REGION, 'update', 'Piece'))).toBe(
      'allowed',
    );
    for (const role of ['commissioner', 'directory-curator'] as const)
      expect(refusal(() => authoriseInRegion(inRegion(role), REGION, 'read', 'Theme'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInRegion(inRegion('region-admin', OTHER), REGION, 'read', 'Theme'))).toBe(
      'NOT_FOUND',
    );
    expect(refusal(() => authoriseInLero(inRegion('region-admin'), LERO, 'read', 'Theme'))).toBe('NOT_FOUND');
  });

  it('asks who is asking first', () => {
    expect(refusal(() => authoriseInLero(undefined, LERO, 'read', 'Consultation'))).toBe('UNAUTHENTICATED');
    expect(refusal(() => authoriseInRegion(undefined, REGION, 'read', 'Consultation'))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
