import { uuidv7 } from 'uuidv7';
import type { Actor } from '@hearth/contracts';
import { testTrust } from '@hearth/testing';
import { EnvelopeVerifier, wireContext } from './envelope-verifier';

const tenantId = uuidv7();
const closedId = uuidv7();
const actor: Actor = {
  accountId: uuidv7(),
  email: 'sam@example.org',
  grants: [
    { role: 'tenant-admin', tenantId },
    { role: 'coordinator', tenantId: closedId },
  ],
  closedTenantIds: [closedId],
};
const verifier = new EnvelopeVerifier({ trust: testTrust.trust });
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: { code?: string; details?: { reason?: string } }) =>
      `${err.code}${err.details?.reason ? `:${err.details.reason}` : ''}`,
  );

describe('EnvelopeVerifier', () => {
  it('takes the actor from the verified token and ignores one written into the envelope', async () => {
    const forged: Actor = {
      accountId: uuidv7(),
      email: 'x@example.org',
      grants: [{ role: 'platform-admin' }],
    };
    const ctx = await verifier.contextOf({ ctx: { ...testTrust.ctx(actor), actor: forged }, data: {} });
    expect(ctx.actor).toEqual(actor);
    const anonymous = await verifier.contextOf({ ctx: { ...testTrust.ctx(), actor: forged }, data: {} });
    expect(anonymous.actor).toBeUndefined();
  });

  it('refuses a message without a valid token before anything else', async () => {
    expect(await outcome(verifier.contextOf({ ctx: { requestId: 'r' }, data: {} }))).toBe('UNAUTHENTICATED');
    expect(await outcome(verifier.contextOf({ ctx: { requestId: 'r', token: 'x.y.z' } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await outcome(verifier.contextOf(undefined))).toBe('VALIDATION');
  });

  it('refuses a LERO closed to the actor, named in the envelope or in the data', async () => {
    const ctx = testTrust.ctx(actor);
    expect(await outcome(verifier.contextOf({ ctx, data: { tenantId: closedId } }))).toBe(
      'FORBIDDEN:TenantClosed',
    );
    expect(await outcome(verifier.contextOf({ ctx: { ...ctx, tenantId: closedId }, data: {} }))).toBe(
      'FORBIDDEN:TenantClosed',
    );
    expect(await outcome(verifier.contextOf({ ctx, data: { tenantId } }))).toBe('accepted');
  });

  it('refuses a message whose envelope and data name different LEROs, and logs under the data’s', async () => {
    const ctx = testTrust.ctx(actor);
    const other = uuidv7();
    expect(await outcome(verifier.contextOf({ ctx: { ...ctx, tenantId }, data: { tenantId: other } }))).toBe(
      'VALIDATION',
    );
    const same = await verifier.contextOf({
      ctx: { ...ctx, tenantId },
      data: { tenantId: tenantId.toUpperCase() },
    });
    expect(same.tenantId).toBe(tenantId);
    // A system caller's envelope names no LERO: the message is about the one its data names.
    expect((await verifier.contextOf({ ctx, data: { tenantId } })).tenantId).toBe(tenantId);
    expect((await verifier.contextOf({ ctx, data: {} })).tenantId).toBeUndefined();
  });

  it('fails closed when the process was given no keys to verify with', async () => {
    const unconfigured = new EnvelopeVerifier({});
    expect(unconfigured.configured).toBe(false);
    expect(await outcome(unconfigured.contextOf({ ctx: testTrust.ctx(actor), data: {} }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('sends no actor over the wire, only the token', () => {
    const ctx = { ...testTrust.ctx(actor), actor, tenantId };
    expect(wireContext(ctx)).toEqual({ requestId: ctx.requestId, token: ctx.token, tenantId });
  });
});
