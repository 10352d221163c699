import { AppError, type Actor, type Role } from '@hearth/contracts';
import { authoriseInLero, authoriseInRegion } from './webhooks-access';

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
  it('gives a tenant-admin of the LERO that LERO', () => {
    const authorised = authoriseInLero(actor('tenant-admin'), LERO, 'create', 'Webhook');
    expect(authorised.tenantId).toBe(LERO);
    expect(authorised.ability.can('read', 'Webhook')).toBe(true);
  });

  it.each<Role>(['coordinator', 'volunteer', 'member'])('refuses a %s of the LERO', (role) => {
    expect(refusal(() => authoriseInLero(actor(role), LERO, 'read', 'Webhook'))).toBe('FORBIDDEN');
  });

  it('answers someone of another LERO as if this one did not exist', () => {
    expect(refusal(() => authoriseInLero(actor('tenant-admin', OTHER), LERO, 'read', 'Webhook'))).toBe(
      'NOT_FOUND',
    );
  });

  it('asks who is asking first', () => {
    expect(refusal(() => authoriseInLero(undefined, LERO, 'read', 'Webhook'))).toBe('UNAUTHENTICATED');
  });
});

describe('the webhooks gate of a region', () => {
  const REGION = '01900000-0000-7000-8000-0000000000c1';
  const staff = (role: Role, regionId = REGION): Actor => ({
    accountId: '01900000-0000-7000-8000-0000000000b2',
    email: `${role}@example.org`,
    grants: [{ role, regionId }],
  });

  it('gives a region-admin the region', () => {
    expect(authoriseInRegion(staff('region-admin'), REGION, 'create', 'Webhook').regionId).toBe(REGION);
  });

  it.each<Role>(['commissioner', 'directory-curator'])('refuses a %s of the region', (role) => {
    expect(refusal(() => authoriseInRegion(staff(role), REGION, 'read', 'Webhook'))).toBe('FORBIDDEN');
  });

  it('answers another region’s admin, and a LERO’s, as if the region did not exist', () => {
    const other = '01900000-0000-7000-8000-0000000000c2';
    expect(refusal(() => authoriseInRegion(staff('region-admin', other), REGION, 'read', 'Webhook'))).toBe(
      'NOT_FOUND',
    );
    expect(refusal(() => authoriseInRegion(actor('tenant-admin'), REGION, 'read', 'Webhook'))).toBe(
      'NOT_FOUND',
    );
  });
});
