import { AppError, type Actor, type Role } from '@hearth/contracts';
import { allows, authoriseInLero, authoriseOwnRecord, ownMemberIds } from './volunteering-access';

const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER = '01900000-0000-7000-8000-0000000000a2';
const actor = (role: Role, tenantId = LERO): Actor => ({
  accountId: '01900000-0000-7000-8000-0000000000b1',
  email: `${role}@example.org`,
  grants: [{ role, tenantId, regionId: '01900000-0000-7000-8000-0000000000c1' }],
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : `other: ${String(err)}`;
  }
  return 'allowed';
};

describe('the volunteering gate', () => {
  it.each<Role>(['tenant-admin', 'coordinator'])(
    'lets a %s of the LERO run its catalogue and roles',
    (role) => {
      for (const what of ['Training', 'Role'] as const) {
        const authorised = authoriseInLero(actor(role), LERO, 'create', what);
        expect(authorised.tenantId).toBe(LERO);
        expect(allows(authorised, 'update', what)).toBe(true);
        expect(allows(authorised, 'read', 'Role', { status: 'closed' })).toBe(true);
      }
      expect(authoriseInLero(actor(role), LERO, 'read', 'Volunteer').tenantId).toBe(LERO);
    },
  );

  it.each<Role>(['volunteer', 'member'])('lets a %s read the catalogue and open roles only', (role) => {
    const authorised = authoriseInLero(actor(role), LERO, 'read', 'Role', 'LERO', { status: 'open' });
    expect(allows(authorised, 'read', 'Training')).toBe(true);
    expect(allows(authorised, 'read', 'Role', { status: 'closed' })).toBe(false);
    expect(refusal(() => authoriseInLero(actor(role), LERO, 'create', 'Role'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(actor(role), LERO, 'update', 'Training'))).toBe('FORBIDDEN');
    // Who volunteers is for those who run volunteering (ADR 0050).
    expect(refusal(() => authoriseInLero(actor(role), LERO, 'read', 'Volunteer'))).toBe('FORBIDDEN');
  });

  it('lets staff run training records, and anyone read only the records of the member their account is linked to', () => {
    for (const action of ['create', 'read', 'update', 'delete'] as const)
      expect(authoriseInLero(actor('coordinator'), LERO, action, 'TrainingRecord').tenantId).toBe(LERO);
    const MEMBER = '01900000-0000-7000-8000-0000000000d1';
    const linked: Actor = {
      ...actor('member'),
      grants: [{ role: 'member', tenantId: LERO, memberId: MEMBER }],
    };
    const own = authoriseInLero(linked, LERO, 'read', 'TrainingRecord', 'Member', { memberId: MEMBER });
    expect(allows(own, 'update', 'TrainingRecord', { memberId: MEMBER })).toBe(false);
    const someoneElse = { memberId: '01900000-0000-7000-8000-0000000000d2' };
    expect(
      refusal(() => authoriseInLero(linked, LERO, 'read', 'TrainingRecord', 'Member', someoneElse)),
    ).toBe('FORBIDDEN');
    // The coordinators' lists are no one's own record.
    expect(refusal(() => authoriseInLero(linked, LERO, 'update', 'TrainingRecord'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(actor('volunteer'), LERO, 'read', 'TrainingRecord'))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets staff sign anyone up, and an account only the member record it is linked to (ADR 0052)', () => {
    const MEMBER = '01900000-0000-7000-8000-0000000000d1';
    const coordinator = authoriseInLero(actor('coordinator'), LERO, 'read', 'Shift', 'Shift');
    for (const action of ['create', 'read', 'delete'] as const) {
      expect(allows(coordinator, action, 'Signup', { memberId: MEMBER })).toBe(true);
    }
    expect(allows(coordinator, 'read', 'Signup')).toBe(true);
    const linked: Actor = {
      ...actor('volunteer'),
      grants: [
        { role: 'volunteer', tenantId: LERO },
        { role: 'member', tenantId: LERO, memberId: MEMBER.toUpperCase() },
      ],
    };
    const self = authoriseInLero(linked, LERO, 'read', 'Shift', 'Shift', { roleStatus: 'open' });
    expect(ownMemberIds(self)).toEqual([MEMBER]);
    expect(allows(self, 'create', 'Signup', { memberId: MEMBER })).toBe(true);
    expect(allows(self, 'delete', 'Signup', { memberId: MEMBER })).toBe(true);
    expect(allows(self, 'create', 'Signup', { memberId: '01900000-0000-7000-8000-0000000000d2' })).toBe(
      false,
    );
    expect(allows(self, 'read', 'Signup')).toBe(false);
    // The volunteer access grant alone (door duty) links no member record: it signs nobody up.
    const unlinked = authoriseInLero(actor('volunteer'), LERO, 'read', 'Shift', 'Shift', {
      roleStatus: 'open',
    });
    expect(ownMemberIds(unlinked)).toEqual([]);
    expect(allows(unlinked, 'create', 'Signup', { memberId: MEMBER })).toBe(false);
  });

  it('lets staff run everyone’s hours, and a linked account log and read only its own (ADR 0054)', () => {
    const MEMBER = '01900000-0000-7000-8000-0000000000d1';
    const OTHER_MEMBER = { memberId: '01900000-0000-7000-8000-0000000000d2' };
    for (const action of ['create', 'read', 'update'] as const)
      expect(authoriseInLero(actor('coordinator'), LERO, action, 'Hours').tenantId).toBe(LERO);
    const linked: Actor = {
      ...actor('volunteer'),
      grants: [
        { role: 'volunteer', tenantId: LERO },
        { role: 'member', tenantId: LERO, memberId: MEMBER.toUpperCase() },
      ],
    };
    for (const action of ['create', 'read'] as const)
      expect(authoriseInLero(linked, LERO, action, 'Hours', 'LERO', { memberId: MEMBER }).tenantId).toBe(
        LERO,
      );
    expect(authoriseOwnRecord(linked, LERO, 'read', 'Hours').memberId).toBe(MEMBER);
    // Nobody approves their own hours, reads the queue, or logs for someone else.
    expect(
      refusal(() => authoriseInLero(linked, LERO, 'update', 'Hours', 'LERO', { memberId: MEMBER })),
    ).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(linked, LERO, 'read', 'Hours'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(linked, LERO, 'create', 'Hours', 'LERO', OTHER_MEMBER))).toBe(
      'FORBIDDEN',
    );
    // No member record, no "own" hours: the volunteer grant alone, and staff without a linked record.
    for (const role of ['volunteer', 'coordinator'] as const)
      expect(refusal(() => authoriseOwnRecord(actor(role), LERO, 'read', 'Hours'))).toBe('FORBIDDEN');
    expect(refusal(() => authoriseOwnRecord(actor('member', OTHER), LERO, 'read', 'Hours'))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets a linked member say and withdraw interest for themselves, and only staff see and follow it up', () => {
    const MEMBER = '01900000-0000-7000-8000-0000000000d1';
    const linked = (role: Role): Actor => ({
      ...actor(role),
      grants: [{ role, tenantId: LERO, memberId: MEMBER.toUpperCase() }],
    });
    for (const role of ['member', 'volunteer', 'coordinator'] as const)
      for (const action of ['create', 'read', 'delete'] as const)
        expect(authoriseOwnRecord(linked(role), LERO, action, 'Interest').memberId).toBe(MEMBER);
    for (const role of ['tenant-admin', 'coordinator'] as const)
      for (const action of ['read', 'update'] as const)
        expect(authoriseInLero(actor(role), LERO, action, 'Interest').tenantId).toBe(LERO);
    for (const role of ['member', 'volunteer'] as const) {
      expect(refusal(() => authoriseInLero(linked(role), LERO, 'read', 'Interest'))).toBe('FORBIDDEN');
      expect(refusal(() => authoriseInLero(linked(role), LERO, 'update', 'Interest'))).toBe('FORBIDDEN');
      expect(refusal(() => authoriseOwnRecord(actor(role), LERO, 'create', 'Interest'))).toBe('FORBIDDEN');
    }
    expect(refusal(() => authoriseInLero(actor('coordinator', OTHER), LERO, 'read', 'Interest'))).toBe(
      'NOT_FOUND',
    );
  });

  it('lets staff export anyone’s volunteering, a member only their own, and only tenant-admins the archive', () => {
    const MEMBER = '01900000-0000-7000-8000-0000000000d1';
    const OTHER_MEMBER = '01900000-0000-7000-8000-0000000000d2';
    for (const role of ['tenant-admin', 'coordinator'] as const)
      expect(
        authoriseInLero(actor(role), LERO, 'export', 'MemberData', 'LERO', { memberId: MEMBER }).tenantId,
      ).toBe(LERO);
    const linked = (role: Role): Actor => ({
      ...actor(role),
      grants: [{ role, tenantId: LERO, memberId: MEMBER }],
    });
    const own = (a: Actor, memberId: string) =>
      refusal(() => authoriseInLero(a, LERO, 'export', 'MemberData', 'LERO', { memberId }));
    expect(own(linked('member'), MEMBER)).toBe('allowed');
    expect(own(linked('member'), OTHER_MEMBER)).toBe('FORBIDDEN');
    expect(own(actor('volunteer'), MEMBER)).toBe('FORBIDDEN');
    expect(own(actor('member'), MEMBER)).toBe('FORBIDDEN');
    expect(refusal(() => authoriseInLero(actor('tenant-admin'), LERO, 'export', 'LeroData'))).toBe('allowed');
    for (const role of ['coordinator', 'volunteer', 'member'] as const)
      expect(refusal(() => authoriseInLero(actor(role), LERO, 'export', 'LeroData'))).toBe('FORBIDDEN');
  });

  it('answers someone of another LERO as if this one did not exist', () => {
    expect(refusal(() => authoriseInLero(actor('tenant-admin', OTHER), LERO, 'read', 'Role'))).toBe(
      'NOT_FOUND',
    );
  });

  it('gives region staff nothing of a LERO', () => {
    const staff: Actor = { ...actor('region-admin'), grants: [{ role: 'region-admin', regionId: OTHER }] };
    expect(refusal(() => authoriseInLero(staff, LERO, 'read', 'Training'))).toBe('NOT_FOUND');
  });

  it('asks who is asking first', () => {
    expect(refusal(() => authoriseInLero(undefined, LERO, 'read', 'Training'))).toBe('UNAUTHENTICATED');
  });

  it('issues a passport only to the member record the account is linked to, and lets staff revoke (ADR 0056)', () => {
    const MEMBER = '01900000-0000-7000-8000-0000000000d9';
    const linked: Actor = {
      ...actor('member'),
      grants: [{ ...actor('member').grants[0], memberId: MEMBER }],
    };
    expect(authoriseInLero(linked, LERO, 'create', 'Passport', 'LERO', { memberId: MEMBER }).tenantId).toBe(
      LERO,
    );
    expect(
      refusal(() => authoriseInLero(linked, LERO, 'create', 'Passport', 'LERO', { memberId: OTHER })),
    ).toBe('FORBIDDEN');
    for (const role of ['tenant-admin', 'coordinator', 'volunteer', 'member'] as const)
      expect(
        refusal(() => authoriseInLero(actor(role), LERO, 'create', 'Passport', 'LERO', { memberId: '' })),
      ).toBe('FORBIDDEN');
    for (const role of ['tenant-admin', 'coordinator'] as const)
      expect(authoriseInLero(actor(role), LERO, 'update', 'Credential').tenantId).toBe(LERO);
    for (const who of [actor('volunteer'), actor('member'), linked])
      expect(refusal(() => authoriseInLero(who, LERO, 'update', 'Credential'))).toBe('FORBIDDEN');
  });
});
