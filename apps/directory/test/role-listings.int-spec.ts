import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { forwardInstants, memberIdIn, sameInAnyOrder, type Fact, type History } from '@hearth/testing';
import { LERO, LeroListingsHarness, ROLE, TenantsEvents, VolunteeringEvents } from './lero-listings.harness';

const VOLUNTEERING = '042f6833-53b4-42ca-9b46-322e780b0fd7';
const ROLES = ['r1', 'r2'] as const;

/** A LERO's and two of its roles' events in the order they happened (roles published, changed, closed, reopened). */
const history = (): fc.Arbitrary<History> =>
  fc
    .array(
      fc.record({ who: fc.constantFrom('lero', ...ROLES), kind: fc.nat({ max: 3 }), flag: fc.boolean() }),
      { minLength: 1, maxLength: 12 },
    )
    .chain((steps) =>
      forwardInstants(steps.length).map((times) =>
        steps.map((s, i): Fact => {
          if (s.who === 'lero') {
            const status = s.kind === 3 ? 'suspended' : 'active';
            const subject = s.kind === 3 ? TenantsEvents.tenantSuspended : TenantsEvents.tenantUpdated;
            return {
              subject,
              at: times[i],
              data: (t) => ({ tenantId: t, regionId: REGION, ...LERO, status, publishToDirectory: s.flag }),
            };
          }
          const status = s.kind === 0 ? 'closed' : 'open';
          const subject = [VolunteeringEvents.roleClosed, VolunteeringEvents.rolePublished][
            Math.min(s.kind, 1)
          ];
          const role = {
            ...ROLE,
            title: s.kind === 2 ? 'Walk leader' : ROLE.title,
            status,
            visibility: s.flag ? 'public' : 'members',
            listing: s.flag ? ROLE.listing : null,
          };
          const key = s.who;
          return {
            subject,
            at: times[i],
            data: (t) => ({ tenantId: t, roleId: memberIdIn(t, key), ...role }),
          };
        }),
      ),
    );
const REGION = uuidv7();

/**
 * The directory's consumer of volunteering's role events (ADR 0058): an open public role of a LERO that publishes is
 * a service of its organisation under the `volunteering` term; closed or members-only, it is retired; a
 * members-only role leaves nothing of itself; any arrival order ends alike.
 */
describe('listings of LEROs’ public volunteering roles, from domain events', () => {
  const h = new LeroListingsHarness();
  const region = uuidv7();

  beforeAll(async () => {
    await h.start();
  });

  afterAll(async () => {
    await h.close();
  });

  it('lists an open public role with the volunteering term and its facts in words, and never a members-only one', async () => {
    const [tenant, role, members] = [uuidv7(), uuidv7(), uuidv7()];
    // The role first: nothing is listed until the LERO's facts are known.
    await h.deliver(
      h.role(VolunteeringEvents.rolePublished, tenant, role),
      h.role(VolunteeringEvents.rolePublished, tenant, members, {
        title: 'Kitchen helper',
        visibility: 'members',
        listing: null,
      }),
    );
    expect(await h.service(role)).toBeUndefined();
    await h.deliver(h.lero(TenantsEvents.tenantActivated, tenant, region));
    expect(await h.service(role)).toEqual({
      name: 'Peer walk leader',
      description: [
        'Lead our Tuesday walks.',
        'What you’ll do: Welcome walkers and keep the group together.',
        'Skills you’ll build: Leading a group, First aid.',
        'Where: Hyde Park, Leeds.',
        'Needs: Safeguarding.',
        'To get involved, contact Leeds Recovery Hub.',
      ].join('\n\n'),
      url: null,
      email: 'hello@leedshub.example.org',
      status: 'active',
      schedules: [],
      locations: [],
      areas: [],
      contacts: [{ name: null, email: 'hello@leedshub.example.org' }],
      terms: [VOLUNTEERING],
    });
    expect(await h.service(members)).toBeUndefined();
    expect(await h.sql(`select listing from directory.role_sources where id = $1`, [members])).toEqual([
      { listing: null },
    ]);
  });

  it('retires a role closed or made members-only, lists it again when reopened, and hides it while the LERO is suspended', async () => {
    const [tenant, role] = [uuidv7(), uuidv7()];
    await h.deliver(
      h.lero(TenantsEvents.tenantActivated, tenant, region),
      h.role(VolunteeringEvents.rolePublished, tenant, role),
    );
    await h.deliver(h.role(VolunteeringEvents.roleClosed, tenant, role, { status: 'closed' }));
    expect(await h.service(role)).toMatchObject({ status: 'retired', name: 'Peer walk leader' });
    await h.deliver(h.role(VolunteeringEvents.rolePublished, tenant, role, { title: 'Walk leader' }));
    expect(await h.service(role)).toMatchObject({ status: 'active', name: 'Walk leader' });
    await h.deliver(
      h.role(VolunteeringEvents.roleUpdated, tenant, role, { visibility: 'members', listing: null }),
    );
    // Retiring changes only the status: the members-only role's facts never reach the listing.
    expect(await h.service(role)).toMatchObject({ status: 'retired', name: 'Walk leader' });
    await h.deliver(h.role(VolunteeringEvents.roleUpdated, tenant, role));
    expect(await h.service(role)).toMatchObject({ status: 'active' });
    await h.deliver(h.lero(TenantsEvents.tenantSuspended, tenant, region, { status: 'suspended' }));
    expect(await h.service(role)).toMatchObject({ status: 'inactive' });
    await h.deliver(h.lero(TenantsEvents.tenantUpdated, tenant, region, { publishToDirectory: false }));
    expect(await h.service(role)).toMatchObject({ status: 'retired' });
  });

  it('keeps the newest event’s state: an older one arriving late changes nothing', async () => {
    const [tenant, role] = [uuidv7(), uuidv7()];
    const published = h.role(VolunteeringEvents.rolePublished, tenant, role);
    const closed = h.role(VolunteeringEvents.roleClosed, tenant, role, { status: 'closed' });
    await h.deliver(h.lero(TenantsEvents.tenantActivated, tenant, region), closed, published, published);
    // Closed last: never listed, so nothing is written just to be retired.
    expect(await h.service(role)).toBeUndefined();
  });

  it('leaves a role’s listing a curator retired alone, whatever the LERO changes next (ADR 0049)', async () => {
    const [tenant, role] = [uuidv7(), uuidv7()];
    await h.deliver(
      h.lero(TenantsEvents.tenantActivated, tenant, region),
      h.role(VolunteeringEvents.rolePublished, tenant, role),
    );
    await h.sql(`update directory.services set status = 'retired' where source = 'lero' and source_id = $1`, [
      role,
    ]);
    await h.deliver(h.role(VolunteeringEvents.roleUpdated, tenant, role, { title: 'Walk leader' }));
    expect(await h.service(role)).toMatchObject({ status: 'retired', name: 'Peer walk leader' });
  });

  it('ends the same in any order of delivery', async () => {
    const shown = <T extends { status?: unknown }>(row: T | undefined) =>
      row && row.status !== 'retired' ? row : null;
    await sameInAnyOrder(history(), {
      consumerOf: (subject) => h.consumerOf(subject),
      stateOf: async (tenantId) =>
        Promise.all(ROLES.map(async (r) => shown(await h.service(memberIdIn(tenantId, r))))),
      numRuns: 30,
    });
  }, 120_000);
});
