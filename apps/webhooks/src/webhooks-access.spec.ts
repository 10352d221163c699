import { AppError, type Actor, type Role } from '@hearth/contracts';
import { authoriseInLero } from './webhooks-access';

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

describe('the webhooks gate', () => {
  it.each<Role>(['tenant-admin', 'coordinator'])('gives a %s of the LERO that LERO', (role) => {
    const authorised = authoriseInLero(actor(role), LERO, 'create', 'Example');
    expect(authorised.tenantId).toBe(LERO);
    expect(authorised.ability.can('read', 'Example')).toBe(true);
  });

  it('answers someone of another LERO as if this one did not exist', () => {
    expect(refusal(() => authoriseInLero(actor('tenant-admin', OTHER), LERO, 'read', 'Example'))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses someone of the LERO without the right', () => {
    expect(refusal(() => authoriseInLero(actor('volunteer'), LERO, 'read', 'Example'))).toBe('FORBIDDEN');
  });

  it('asks who is asking first', () => {
    expect(refusal(() => authoriseInLero(undefined, LERO, 'read', 'Example'))).toBe('UNAUTHENTICATED');
  });
});
