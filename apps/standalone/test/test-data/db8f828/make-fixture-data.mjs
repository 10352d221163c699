// Fills a standalone Hearth of commit db8f828 with the fixture's data, over its HTTP API (see README.md here).
// Usage: node make-fixture-data.mjs http://127.0.0.1:<port>
const base = process.argv[2];
const ADMIN = { email: 'admin@fixture.example.org', password: 'fixture admin passphrase' };
const STAFF_PASSWORD = 'correct horse battery staple';

async function call(method, path, body, token) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return json;
}
const login = async (email, password) =>
  (await call('POST', '/api/v1/auth/login', { email, password })).accessToken;

const admin = await login(ADMIN.email, ADMIN.password);
const region = await call('POST', '/api/v1/regions', { name: 'North Fixture', slug: 'north-fixture' }, admin);
const lero = await call(
  'POST',
  '/api/v1/tenants',
  {
    regionId: region.id,
    name: 'Fixture Recovery Cafe',
    slug: 'fixture-cafe',
    adminEmail: 'cafe-admin@fixture.example.org',
  },
  admin,
);
await call('POST', '/api/v1/invitations/accept', {
  token: lero.invitation.token,
  password: STAFF_PASSWORD,
  displayName: 'Cafe Admin',
});
const staff = await login('cafe-admin@fixture.example.org', STAFF_PASSWORD);
const t = `/api/v1/tenants/${lero.id}`;

const robin = await call(
  'POST',
  `${t}/members`,
  {
    displayName: 'Robin Fixture',
    email: 'robin@fixture.example.org',
    communityRoles: ['volunteer'],
    pathway: 'peer support',
  },
  staff,
);
const sam = await call('POST', `${t}/members`, { displayName: 'Sam Fixture', communityRoles: [] }, staff);
const alex = await call(
  'POST',
  `${t}/members`,
  { displayName: 'Alex Fixture', email: 'alex@fixture.example.org', communityRoles: [] },
  staff,
);
// Erased at this commit: a tombstone made by the old code.
await call('DELETE', `${t}/members/${alex.id}`, undefined, staff);

// A weekly activity whose first session started an hour ago: check-ins are open for it.
const start = new Date(Date.now() - 3_600_000);
const local = start.toISOString().slice(0, 16);
const activity = await call(
  'POST',
  `${t}/activities`,
  {
    title: 'Tuesday peer support',
    category: 'peer-support',
    visibility: 'public',
    capacity: 12,
    location: { name: 'Church hall', postcode: 'NE1 1AA' },
    schedule: { startsAt: local, durationMinutes: 90, timezone: 'UTC', rrule: 'FREQ=WEEKLY;COUNT=6' },
  },
  staff,
);
const from = new Date(start.getTime() - 60_000).toISOString();
const sessions = await call(
  'GET',
  `${t}/sessions?from=${encodeURIComponent(from)}&activityId=${activity.id}`,
  undefined,
  staff,
);
const first = sessions.items[0];
await call('POST', `${t}/sessions/${sessions.items[1].id}/rsvps`, { memberId: robin.id }, staff);
await call('POST', `${t}/sessions/${first.id}/attendance`, { memberId: robin.id }, staff);
await call('POST', `${t}/sessions/${first.id}/attendance`, { memberId: sam.id }, staff);
await call('POST', `${t}/sessions/${first.id}/walk-ins`, { count: 3 }, staff);

console.log(
  JSON.stringify(
    {
      regionId: region.id,
      tenantId: lero.id,
      robin: robin.id,
      sam: sam.id,
      alex: alex.id,
      activityId: activity.id,
      sessions: sessions.items.length,
      firstSession: first.id,
    },
    null,
    2,
  ),
);
