import { AppError, ASK_STATUSES, type AskStatus } from '@hearth/contracts';
import { checkNotFuture, checkTransition, countsOf } from './ask-rules';

const allowed = (from: AskStatus, to: AskStatus) => {
  try {
    checkTransition(from, to);
    return true;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details?.errors).toEqual([{ field: 'status', message: expect.any(String) }]);
    return false;
  }
};

describe('the rules of an ask’s timeline (ADR 0065)', () => {
  it('goes forward only, may skip steps, takes news at acknowledged and in-progress, and ends at done or declined', () => {
    const table = Object.fromEntries(
      ASK_STATUSES.map((from) => [from, ASK_STATUSES.filter((to) => allowed(from, to))]),
    );
    expect(table).toEqual({
      raised: ['acknowledged', 'in-progress', 'done', 'partly-done', 'declined'],
      acknowledged: ['acknowledged', 'in-progress', 'done', 'partly-done', 'declined'],
      'in-progress': ['in-progress', 'done', 'partly-done', 'declined'],
      done: [],
      'partly-done': ['done'],
      declined: [],
    });
  });

  it('says which rule a refused change breaks', () => {
    const reason = (from: AskStatus, to: AskStatus) => {
      try {
        checkTransition(from, to);
      } catch (err) {
        return (err as AppError).details?.errors?.[0]?.message;
      }
      return 'allowed';
    };
    expect([
      reason('in-progress', 'raised'),
      reason('done', 'done'),
      reason('declined', 'acknowledged'),
      reason('partly-done', 'partly-done'),
      reason('partly-done', 'declined'),
      reason('in-progress', 'acknowledged'),
    ]).toEqual([
      'an ask is raised once, when it is made',
      'the ask is done: its outcome is final',
      'the ask is declined: its outcome is final',
      'a partly done ask can only become done',
      'a partly done ask can only become done',
      'an ask cannot go back from in-progress to acknowledged',
    ]);
  });

  it('takes a date up to tomorrow (UTC), never later', () => {
    const now = new Date('2026-12-04T23:30:00Z');
    expect(() => checkNotFuture('date', '2026-12-05', now)).not.toThrow();
    expect(() => checkNotFuture('date', '2026-12-06', now)).toThrow(AppError);
  });

  it('counts asks by status', () => {
    expect(countsOf(['done', 'done', 'declined'])).toEqual({
      raised: 0,
      acknowledged: 0,
      'in-progress': 0,
      done: 2,
      'partly-done': 0,
      declined: 1,
      total: 3,
    });
  });
});
