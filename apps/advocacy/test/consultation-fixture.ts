import { uuidv7 } from 'uuidv7';
import { AppError, type Actor, type Role } from '@hearth/contracts';
import { testTrust } from '@hearth/testing';

/** A LERO of the tests: its id, its staff, and new linked members (each with ids made now). */
export const lero = () => {
  const tenantId = uuidv7();
  const regionId = uuidv7();
  const as = (role: Role, memberId?: string): Actor => ({
    accountId: uuidv7(),
    email: `${role}-${tenantId.slice(-6)}@example.org`,
    grants: [{ role, tenantId, regionId, ...(memberId ? { memberId } : {}) }],
  });
  return {
    tenantId,
    admin: as('tenant-admin'),
    coordinator: as('coordinator'),
    member: () => as('member', uuidv7()),
  };
};
export const ctx = (actor?: Actor) => testTrust.ctx(actor);
/** What a call was refused with (code and reason), or `allowed`. */
export const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof AppError ? { code: err.code, reason: err.details?.reason } : { code: String(err) };
  }
  return { code: 'allowed' };
};
