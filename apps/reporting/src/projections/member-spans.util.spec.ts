import { spansOf, type MemberChange, type MemberChangeKind } from './member-spans.util';

const fact = (change: MemberChangeKind, at: string): MemberChange => ({
  change,
  at: new Date(at),
  day: at.slice(0, 10),
});

describe('membership spans from facts', () => {
  it('opens on a join, closes on the day of a leave, and opens again on a rejoin', () => {
    expect(
      spansOf([
        fact('joined', '2026-01-10T10:00:00Z'),
        fact('left', '2026-02-05T10:00:00Z'),
        fact('rejoined', '2026-02-20T10:00:00Z'),
      ]),
    ).toEqual([
      { startedOn: '2026-01-10', endedOn: '2026-02-05' },
      { startedOn: '2026-02-20', endedOn: null },
    ]);
  });

  it('gives the same spans whatever order the facts come in', () => {
    const facts = [
      fact('left', '2026-03-01T09:00:00Z'),
      fact('erased', '2026-04-15T10:00:00Z'),
      fact('rejoined', '2026-03-20T10:00:00Z'),
      fact('joined', '2026-01-10T10:00:00Z'),
    ];
    const expected = [
      { startedOn: '2026-01-10', endedOn: '2026-03-01' },
      { startedOn: '2026-03-20', endedOn: '2026-04-15' },
    ];
    expect(spansOf(facts)).toEqual(expected);
    expect(spansOf([...facts].reverse())).toEqual(expected);
  });

  it('ignores a repeated join and a leave with nothing open', () => {
    expect(
      spansOf([
        fact('left', '2026-01-01T10:00:00Z'),
        fact('joined', '2026-01-10T10:00:00Z'),
        fact('rejoined', '2026-01-12T10:00:00Z'),
        fact('left', '2026-01-20T10:00:00Z'),
        fact('left', '2026-01-25T10:00:00Z'),
      ]),
    ).toEqual([{ startedOn: '2026-01-10', endedOn: '2026-01-20' }]);
  });

  it('ends everything at an erasure: nothing after it opens a span', () => {
    expect(
      spansOf([
        fact('rejoined', '2026-05-01T10:00:00Z'),
        fact('erased', '2026-04-15T10:00:00Z'),
        fact('joined', '2026-01-10T10:00:00Z'),
      ]),
    ).toEqual([{ startedOn: '2026-01-10', endedOn: '2026-04-15' }]);
    expect(spansOf([fact('erased', '2026-04-15T10:00:00Z')])).toEqual([]);
  });

  it('orders facts of one instant by kind, and never ends a span before it began', () => {
    const at = '2026-06-01T10:00:00Z';
    expect(spansOf([fact('left', at), fact('joined', at)])).toEqual([
      { startedOn: '2026-06-01', endedOn: '2026-06-01' },
    ]);
    // A leave stamped a little before its join (clocks of two replicas): a one-day span, not a negative one.
    expect(
      spansOf([
        { change: 'joined', at: new Date('2026-06-02T00:00:01Z'), day: '2026-06-02' },
        { change: 'left', at: new Date('2026-06-03T00:00:00Z'), day: '2026-06-01' },
      ]),
    ).toEqual([{ startedOn: '2026-06-02', endedOn: '2026-06-02' }]);
  });
});
