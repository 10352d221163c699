// Import cycles between feature folders that existed when the rule came in (ADR 0021). The list only shrinks:
// break a cycle, then delete its edges here (tools/lint/dependency-rules.spec.ts fails while a listed edge is
// gone or no longer closes a cycle). A new edge that closes a cycle fails lint.
export const KNOWN_FEATURE_CYCLES = [
  'events: activities -> rsvps',
  'events: activities -> sessions',
  'events: rsvps -> sessions',
  'events: sessions -> activities',
  'membership: consents -> members',
  'membership: members -> consents',
  'web: account -> sign-in',
  'web: http -> navigation',
  'web: http -> session',
  'web: leros -> members',
  'web: leros -> programme',
  'web: leros -> public',
  'web: members -> leros',
  'web: members -> regions',
  'web: navigation -> session',
  'web: programme -> leros',
  'web: public -> programme',
  'web: regions -> team',
  'web: session -> http',
  'web: sign-in -> account',
  'web: team -> leros',
  'web: team -> regions',
];
