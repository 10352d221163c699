import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { forwardInstants, memberIdIn, sameInAnyOrder, type Fact, type History } from '@hearth/testing';
import { EventsEvents, LERO, LeroListingsHarness, TenantsEvents, WALK } from './lero-listings.harness';

const REGION = uuidv7();
const ACTIVITIES = ['a1', 'a2'] as const;

/** One raw step of a history: who it is about and what happens to them. */
const step = fc.record({
  who: fc.constantFrom('lero', ...ACTIVITIES),
  kind: fc.nat({ max: 5 }),
  flag: fc.boolean(),
  other: fc.boolean(),
});

/**
 * A LERO's and two of its activities' events in the order they happened: the LERO publishing or not, active,
 * suspended, archived last; each activity created first, then changed (renamed, private, opted out, location on
 * request), paused, resumed, ended or removed, and nothing after that.
 */
const history = (): fc.Arbitrary<History> =>
  fc.array(step, { minLength: 1, maxLength: 12 }).chain((steps) =>
    forwardInstants(steps.length).map((times) => {
      const facts: Fact[] = [];
      const done = new Set<string>();
      const created = new Set<string>();
      let archived = false;
      steps.forEach((s, i) => {
        const at = times[i];
        if (s.who === 'lero') {
          if (archived) return;
          archived = s.kind === 5;
          const [subject, status] = archived
            ? [TenantsEvents.tenantArchived, 'archived']
            : s.kind % 2 === 0
              ? [TenantsEvents.tenantUpdated, 'active']
              : [TenantsEvents.tenantSuspended, 'suspended'];
          const lero = {
            ...LERO,
            status,
            name: s.other ? 'Leeds Recovery Hub' : 'Hub of Leeds',
            publishToDirectory: s.flag,
            publicContactEmail: s.flag ? LERO.publicContactEmail : null,
          };
          facts.push({ subject, at, data: (t) => ({ tenantId: t, regionId: REGION, ...lero }) });
          return;
        }
        if (done.has(s.who)) return;
        const first = !created.has(s.who);
        created.add(s.who);
        const subject = first
          ? EventsEvents.activityCreated
          : [
              EventsEvents.activityUpdated,
              EventsEvents.activityUpdated,
              EventsEvents.activityPaused,
              EventsEvents.activityResumed,
              EventsEvents.activityEnded,
              EventsEvents.activityDeleted,
            ][s.kind];
        if (subject === EventsEvents.activityEnded || subject === EventsEvents.activityDeleted)
          done.add(s.who);
        const statuses: Record<string, string> = {
          [EventsEvents.activityPaused]: 'paused',
          [EventsEvents.activityEnded]: 'ended',
        };
        const status = statuses[subject] ?? 'active';
        const listed = s.flag || first;
        const activity = {
          ...WALK,
          title: s.other ? 'Tuesday walk' : 'Thursday walk',
          status,
          visibility: listed ? 'public' : 'members',
          listing: listed
            ? {
                ...WALK.listing,
                locationOnRequest: !s.other,
                location: s.other ? WALK.listing.location : null,
                area: s.other ? null : 'LS2',
              }
            : null,
        };
        const key = s.who;
        facts.push({
          subject,
          at,
          data: (t) => ({ tenantId: t, activityId: memberIdIn(t, key), ...activity }),
        });
      });
      return facts;
    }),
  );

/**
 * The listings of a LERO and its activities end the same whatever order their events arrive in (permuted,
 * redelivered, batched as JetStream hands them over): what the public can see — a listing gone or never made
 * are alike — is compared, for random histories.
 */
describe('listings of LEROs and their activities in any order', () => {
  const h = new LeroListingsHarness();

  beforeAll(async () => {
    await h.start();
  });

  afterAll(async () => {
    await h.close();
  });

  const shown = <T extends { status?: unknown }>(row: T | undefined) =>
    row && row.status !== 'retired' ? row : null;

  it('ends the same in any order of delivery', async () => {
    await sameInAnyOrder(history(), {
      consumerOf: (subject) => h.consumerOf(subject),
      stateOf: async (tenantId) => {
        const org = shown(await h.organization(tenantId));
        return {
          organization: org && { name: org.name, email: org.email, status: org.status },
          services: await Promise.all(
            ACTIVITIES.map(async (a) => shown(await h.service(memberIdIn(tenantId, a)))),
          ),
        };
      },
      numRuns: 30,
    });
  }, 120_000);
});
