/** One fact of a member's membership as reporting keeps it: the change, its instant and its local day. */
export interface MemberChange {
  change: MemberChangeKind;
  at: Date;
  day: string;
}

export const MEMBER_CHANGE_KINDS = ['joined', 'rejoined', 'left', 'erased'] as const;
export type MemberChangeKind = (typeof MEMBER_CHANGE_KINDS)[number];

/** A membership span: local days, both counted; an open span has no end. */
export interface MemberSpan {
  startedOn: string;
  endedOn: string | null;
}

/** Facts of one instant in a fixed order, so ties never depend on which arrived first. */
const RANK: Record<MemberChangeKind, number> = { joined: 0, rejoined: 1, left: 2, erased: 3 };

export const byTimeThenKind = (a: MemberChange, b: MemberChange) =>
  a.at.getTime() - b.at.getTime() || RANK[a.change] - RANK[b.change];

/**
 * The spans a member's facts describe, whatever order the facts arrived in: a join (or rejoin) opens a span
 * unless one is open, a leave closes it on its day (active that day), an erasure closes it and ends the story
 * (nothing after it counts: membership never changes an erased record). A leave with nothing open is a
 * repeat and changes nothing.
 */
export function spansOf(changes: readonly MemberChange[]): MemberSpan[] {
  const spans: MemberSpan[] = [];
  let open: string | null = null;
  const close = (day: string) => {
    if (open === null) return;
    spans.push({ startedOn: open, endedOn: day > open ? day : open });
    open = null;
  };
  for (const c of [...changes].sort(byTimeThenKind)) {
    if (c.change === 'joined' || c.change === 'rejoined') open ??= c.day;
    else close(c.day);
    if (c.change === 'erased') return spans;
  }
  if (open !== null) spans.push({ startedOn: open, endedOn: null });
  return spans;
}
