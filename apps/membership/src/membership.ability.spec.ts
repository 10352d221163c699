import { AppError, MEMBER_FIELDS, MEMBER_SUMMARY_FIELDS, type Actor, type Grant } from '@hearth/contracts';
import { defineAbility, subject, type Action } from '@hearth/auth';
import { membershipAbility, seesWholeRecord } from './membership.ability';
import { authoriseInLero, mayExportMember, ownMemberId } from './membership-access';

const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER_LERO = '01900000-0000-7000-8000-0000000000a2';
const REGION = '01900000-0000-7000-8000-00000000000a';
const MEMBER = '01900000-0000-7000-8000-0000000000c1';

const actor = (...grants: Grant[]): Actor => ({
  accountId: '01900000-0000-7000-8000-000000000001',
  email: 'someone@example.org',
  grants,
});
const member = (tenantId = LERO, status = 'active') => subject('Member', { tenantId, status });
const ACTIONS: Action[] = ['create', 'read', 'update', 'delete', 'import', 'export'];

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
}

describe('membershipAbility', () => {
  it.each(['tenant-admin', 'coordinator'] as const)(
    'lets a %s do everything to its own LERO’s members only',
    (role) => {
      const ability = membershipAbility(actor({ role, tenantId: LERO }));
      for (const action of ACTIONS) {
        expect(ability.can(action, member())).toBe(true);
        expect(ability.can(action, member(OTHER_LERO))).toBe(false);
      }
      expect(ability.can('read', subject('Consent', { tenantId: LERO }))).toBe(true);
    },
  );

  it('lets only a tenant-admin read the member audit log', () => {
    expect(
      membershipAbility(actor({ role: 'tenant-admin', tenantId: LERO })).can(
        'read',
        subject('MemberAudit', { tenantId: LERO }),
      ),
    ).toBe(true);
    expect(
      membershipAbility(actor({ role: 'coordinator', tenantId: LERO })).can(
        'read',
        subject('MemberAudit', { tenantId: LERO }),
      ),
    ).toBe(false);
  });

  it('lets a volunteer read names and community roles of active members, nothing else', () => {
    const ability = membershipAbility(actor({ role: 'volunteer', tenantId: LERO }));
    expect(ability.can('read', member(), 'displayName')).toBe(true);
    expect(ability.can('read', member(), 'communityRoles')).toBe(true);
    for (const field of ['email', 'phone', 'pathway', 'notes', 'consents'])
      expect(ability.can('read', member(), field)).toBe(false);
    expect(ability.can('read', member(LERO, 'left'))).toBe(false);
    for (const action of ['create', 'update', 'delete', 'import', 'export'] as Action[])
      expect(ability.can(action, member())).toBe(false);
    expect(ability.can('read', subject('Consent', { tenantId: LERO }))).toBe(false);
    expect(seesWholeRecord(ability, LERO, 'active')).toBe(false);
  });

  it('counts a record as whole only when every field may be read, so one more summary field is just that', () => {
    // As if `email` were added to what volunteers see: they would see the email, not the whole record.
    const widened = defineAbility(actor({ role: 'volunteer', tenantId: LERO }), (_grant, { can }) =>
      can('read', 'Member', [...MEMBER_SUMMARY_FIELDS, 'email'], { tenantId: LERO, status: 'active' }),
    );
    expect(widened.can('read', member(), 'email')).toBe(true);
    expect(seesWholeRecord(widened, LERO, 'active')).toBe(false);
    const staff = membershipAbility(actor({ role: 'coordinator', tenantId: LERO }));
    expect(MEMBER_FIELDS.every((f) => staff.can('read', member(), f))).toBe(true);
    expect(seesWholeRecord(staff, LERO, 'active')).toBe(true);
  });

  it('gives a member grant only its own record, through /me', () => {
    const ability = membershipAbility(actor({ role: 'member', tenantId: LERO, memberId: MEMBER }));
    for (const action of ACTIONS) expect(ability.can(action, member())).toBe(false);
    expect(ability.can('read', subject('Me', { tenantId: LERO, memberId: MEMBER }))).toBe(true);
    expect(ability.can('read', subject('Me', { tenantId: LERO, memberId: OTHER_LERO }))).toBe(false);
  });

  it.each([
    ['platform-admin', { role: 'platform-admin' }],
    ['region-admin', { role: 'region-admin', regionId: REGION }],
    ['commissioner', { role: 'commissioner', regionId: REGION }],
  ] as const)('gives a %s nothing at all: no person-level data outside the LERO', (_label, grant) => {
    expect(membershipAbility(actor(grant as Grant)).rules).toHaveLength(0);
  });
});

describe('authoriseInLero', () => {
  const cases: [string, Actor, Action, string][] = [
    ['tenant-admin creates', actor({ role: 'tenant-admin', tenantId: LERO }), 'create', 'allowed'],
    ['volunteer reads', actor({ role: 'volunteer', tenantId: LERO }), 'read', 'allowed'],
    ['volunteer creates', actor({ role: 'volunteer', tenantId: LERO }), 'create', 'FORBIDDEN'],
    ['member lists', actor({ role: 'member', tenantId: LERO, memberId: MEMBER }), 'read', 'FORBIDDEN'],
    [
      'admin of another LERO reads',
      actor({ role: 'tenant-admin', tenantId: OTHER_LERO }),
      'read',
      'NOT_FOUND',
    ],
    ['commissioner reads', actor({ role: 'commissioner', regionId: REGION }), 'read', 'NOT_FOUND'],
    ['region-admin reads', actor({ role: 'region-admin', regionId: REGION }), 'read', 'FORBIDDEN'],
    ['platform-admin reads', actor({ role: 'platform-admin' }), 'read', 'FORBIDDEN'],
  ];
  it.each(cases)('%s → %s', (_label, who, action, expected) => {
    expect(codeOf(() => authoriseInLero(who, LERO, action, 'Member'))).toBe(expected);
  });
});

describe('ownMemberId and mayExportMember', () => {
  it('finds the member record linked to the account in this LERO only', () => {
    const who = actor({ role: 'member', tenantId: LERO, memberId: MEMBER });
    expect(ownMemberId(who, LERO)).toBe(MEMBER);
    expect(codeOf(() => ownMemberId(who, OTHER_LERO))).toBe('NOT_FOUND');
    expect(codeOf(() => ownMemberId(actor({ role: 'tenant-admin', tenantId: LERO }), LERO))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(() => ownMemberId(actor({ role: 'region-admin', regionId: REGION }), LERO))).toBe(
      'FORBIDDEN',
    );
  });

  it('lets the LERO’s staff or the person themselves gather their data, nobody else', () => {
    expect(mayExportMember(actor({ role: 'coordinator', tenantId: LERO }), LERO, MEMBER)).toBe(true);
    expect(mayExportMember(actor({ role: 'member', tenantId: LERO, memberId: MEMBER }), LERO, MEMBER)).toBe(
      true,
    );
    expect(
      mayExportMember(actor({ role: 'member', tenantId: LERO, memberId: OTHER_LERO }), LERO, MEMBER),
    ).toBe(false);
    expect(mayExportMember(actor({ role: 'volunteer', tenantId: LERO }), LERO, MEMBER)).toBe(false);
    expect(mayExportMember(actor({ role: 'platform-admin' }), LERO, MEMBER)).toBe(false);
    expect(mayExportMember(undefined, LERO, MEMBER)).toBe(false);
  });
});
