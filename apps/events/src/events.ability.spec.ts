import { subject, type Action } from '@hearth/auth';
import type { Actor, Grant } from '@hearth/contracts';
import { eventsAbility } from './events.ability';

const REGION = '01900000-0000-7000-8000-00000000000a';
const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER_LERO = '01900000-0000-7000-8000-0000000000a2';
const MEMBER = '01900000-0000-7000-8000-0000000000f1';
const OTHER_MEMBER = '01900000-0000-7000-8000-0000000000f2';

const actor = (...grants: Grant[]): Actor => ({
  accountId: '01900000-0000-7000-8000-000000000001',
  email: 'someone@example.org',
  grants,
});
const at = (type: string, tenantId = LERO, extra: Record<string, unknown> = {}) =>
  subject(type, { tenantId, ...extra });
const WRITE: Action[] = ['create', 'update', 'delete'];

describe('eventsAbility', () => {
  it.each(['tenant-admin', 'coordinator'] as const)('lets a %s run its own LERO’s programme only', (role) => {
    const ability = eventsAbility(actor({ role, tenantId: LERO, regionId: REGION }));
    for (const type of ['Activity', 'Session', 'Rsvp', 'Attendance']) {
      for (const action of ['read', ...WRITE] as Action[]) {
        expect(ability.can(action, at(type))).toBe(true);
        expect(ability.can(action, at(type, OTHER_LERO))).toBe(false);
      }
    }
  });

  it('lets a volunteer read the programme and keep the register, but not plan or RSVP', () => {
    const ability = eventsAbility(actor({ role: 'volunteer', tenantId: LERO, regionId: REGION }));
    expect(ability.can('read', at('Session'))).toBe(true);
    expect(ability.can('read', at('Rsvp'))).toBe(true);
    for (const action of ['read', 'create', 'delete'] as Action[])
      expect(ability.can(action, at('Attendance'))).toBe(true);
    for (const action of WRITE) expect(ability.can(action, at('Activity'))).toBe(false);
    expect(ability.can('update', at('Session'))).toBe(false);
    expect(ability.can('create', at('Rsvp', LERO, { memberId: MEMBER }))).toBe(false);
    expect(ability.can('read', at('Attendance', OTHER_LERO))).toBe(false);
  });

  it('lets a member RSVP for themselves only, and not see the register', () => {
    const ability = eventsAbility(
      actor({ role: 'member', tenantId: LERO, regionId: REGION, memberId: MEMBER }),
    );
    expect(ability.can('read', at('Activity'))).toBe(true);
    expect(ability.can('create', at('Rsvp', LERO, { memberId: MEMBER }))).toBe(true);
    expect(ability.can('delete', at('Rsvp', LERO, { memberId: MEMBER }))).toBe(true);
    expect(ability.can('create', at('Rsvp', LERO, { memberId: OTHER_MEMBER }))).toBe(false);
    expect(ability.can('read', at('Rsvp'))).toBe(false);
    expect(ability.can('read', at('Attendance'))).toBe(false);
    expect(ability.can('create', at('Activity'))).toBe(false);
  });

  it('gives a member grant without a member record no RSVPs', () => {
    const ability = eventsAbility(actor({ role: 'member', tenantId: LERO, regionId: REGION }));
    expect(ability.can('read', at('Session'))).toBe(true);
    expect(ability.can('create', at('Rsvp', LERO, { memberId: MEMBER }))).toBe(false);
  });

  it.each([
    ['platform-admin', { role: 'platform-admin' }],
    ['region-admin', { role: 'region-admin', regionId: REGION }],
    ['commissioner', { role: 'commissioner', regionId: REGION }],
  ] as const)('gives a %s nothing inside a LERO', (_label, grant) => {
    const ability = eventsAbility(actor(grant as Grant));
    for (const type of ['Activity', 'Session', 'Rsvp', 'Attendance'])
      expect(ability.can('read', at(type))).toBe(false);
    expect(ability.rules).toHaveLength(0);
  });

  it('gives no actor nothing', () => {
    expect(eventsAbility(undefined).rules).toHaveLength(0);
  });
});
