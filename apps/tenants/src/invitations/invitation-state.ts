// Where an invitation stands, as query conditions: the team pages and erasure both ask.

/** Invitations still waiting: not accepted, not cancelled, not expired. */
export const pendingWhere = (now: Date) => ({
  acceptedAt: null,
  cancelledAt: null,
  expiresAt: { $gt: now },
});

/** Invitations no longer waiting (any of these), for an `$or`. */
export const spentWhere = (now: Date) => [
  { acceptedAt: { $ne: null } },
  { cancelledAt: { $ne: null } },
  { expiresAt: { $lte: now } },
];
