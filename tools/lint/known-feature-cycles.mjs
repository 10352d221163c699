// Import cycles between feature folders that existed when the rule came in (ADR 0021); all broken since
// (ADR 0026), so none is allowed. The list only shrinks:
// break a cycle, then delete its edges here (tools/lint/dependency-rules.spec.ts fails while a listed edge is
// gone or no longer closes a cycle). A new edge that closes a cycle fails lint.
export const KNOWN_FEATURE_CYCLES = [];
