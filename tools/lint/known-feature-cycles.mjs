// Import cycles between feature folders that existed when the rule came in (ADR 0021). The list only shrinks:
// break a cycle, then delete its edges here (tools/lint/dependency-rules.spec.ts fails while a listed edge is
// gone or no longer closes a cycle). A new edge that closes a cycle fails lint.
export const KNOWN_FEATURE_CYCLES = [
  'tenants: accounts -> audit',
  'tenants: accounts -> auth',
  'tenants: audit -> accounts',
  'tenants: auth -> accounts',
  'tenants: auth -> audit',
  'tenants: auth -> leros',
  'tenants: auth -> two-factor',
  'tenants: invitations -> accounts',
  'tenants: invitations -> audit',
  'tenants: invitations -> leros',
  'tenants: leros -> accounts',
  'tenants: leros -> audit',
  'tenants: leros -> invitations',
  'tenants: two-factor -> accounts',
  'tenants: two-factor -> audit',
  'tenants: two-factor -> auth',
];
