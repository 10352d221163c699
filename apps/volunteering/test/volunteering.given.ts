import type { Client } from 'pg';
import { uuidv7 } from 'uuidv7';
import { AppError, type Actor, type Role } from '@hearth/contracts';
import { formatLocal, instantToLocal } from '@hearth/recurrence';
import { testTrust } from '@hearth/testing';

const ZONE = 'Europe/London';

/** Someone with `role` in the LERO; with `memberId`, their account is also linked to that member record. */
export const actorIn = (tenantId: string, role: Role, memberId?: string): Actor => ({
  accountId: uuidv7(),
  email: `${role}-${uuidv7().slice(-8)}@example.org`,
  grants: [{ role, tenantId }, ...(memberId ? [{ role: 'member' as const, tenantId, memberId }] : [])],
});

export const ctx = (actor: Actor) => testTrust.ctx(actor);

/** `allowed`, or the refusal's code and its reason (or the fields it names): `CONFLICT NotAVolunteer`. */
export const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'allowed',
    (err: unknown) =>
      err instanceof AppError
        ? [err.code, err.details?.reason ?? err.details?.errors?.map((e) => e.field).join(',') ?? ''].join(
            ' ',
          )
        : String(err),
  );

/** Wall-clock `YYYY-MM-DDTHH:mm` in London, `ms` from now (rounded to the minute). */
export const localIn = (ms: number) =>
  formatLocal(instantToLocal(new Date(Math.floor((Date.now() + ms) / 60_000) * 60_000), ZONE)).slice(0, 16);

/**
 * A member of the LERO in volunteering's projection (as membership's events would put them there), active, with or
 * without the volunteer community role, and an account linked to them.
 */
export async function givenMember(
  owner: Client,
  tenantId: string,
  volunteer = true,
): Promise<{ memberId: string; actor: Actor }> {
  const memberId = uuidv7();
  await owner.query(
    `insert into volunteering.members (tenant_id, member_id, volunteer, roles_at, roles_event, status, status_at,
      status_event) values ($1, $2, $3, now(), $4, 'active', now(), $4)`,
    [tenantId, memberId, volunteer, uuidv7()],
  );
  return { memberId, actor: actorIn(tenantId, 'volunteer', memberId) };
}
