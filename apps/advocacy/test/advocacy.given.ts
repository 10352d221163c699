import { uuidv7 } from 'uuidv7';
import { AppError, type Actor, type Role } from '@hearth/contracts';
import { testTrust } from '@hearth/testing';

/** A LERO of the advocacy int-specs: its id, an admin, a coordinator, and new members (each a fresh account). */
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
/** A request as the gateway would send it, from this actor. */
export const ctx = (actor?: Actor) => testTrust.ctx(actor);
/** What a call answered: `allowed`, or the error's code and reason. */
export const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof AppError ? { code: err.code, reason: err.details?.reason } : { code: String(err) };
  }
  return { code: 'allowed' };
};
