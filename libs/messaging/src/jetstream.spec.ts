import { eventsStreamName } from './jetstream';

describe('eventsStreamName', () => {
  it('is the contract stream in production', () => {
    expect(eventsStreamName('')).toBe('HEARTH_EVENTS');
  });

  it('gives each test prefix its own valid stream name', () => {
    expect(eventsStreamName('t_ab12.x-y')).toBe('T_AB12_X_Y_HEARTH_EVENTS');
  });
});
