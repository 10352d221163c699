import { uuidv7 } from 'uuidv7';
import { AppError, type Actor, type CreateConsultationDto, type Role } from '@hearth/contracts';
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
export const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A consultation's fields (opened a minute ago, closing tomorrow), as its staff would send them. */
export const consultation = (over: Partial<CreateConsultationDto> = {}): CreateConsultationDto => ({
  title: 'Your say on the new drop-in',
  purpose: 'The council is changing the drop-in hours.',
  askedBy: 'The council’s commissioning team',
  useOfAnswers: 'A summary goes to the council in March.',
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  audience: 'members',
  questions: [
    { kind: 'single', text: 'Which hours suit you?', options: ['Mornings', 'Evenings'] },
    { kind: 'scale', text: 'How useful is the drop-in?' },
    { kind: 'text', text: 'Anything else?' },
  ],
  aboutYou: [{ kind: 'single', text: 'Your age', options: ['Under 35', '35 and over'] }],
  ...over,
});
