import { loadConfig } from '@hearth/platform';
import { EventsEnv } from './env.schema';

describe('the events service’s variables', () => {
  const database = { DATABASE_URL: 'postgres://hearth_events:pw@db:5432/hearth' };

  it('refuses to start without EVENTS_PARTICIPANT_KEY_SECRET and names it: there is no default to fall back on', () => {
    expect(() => loadConfig(EventsEnv, database)).toThrow(/EVENTS_PARTICIPANT_KEY_SECRET: is required/);
  });

  it('refuses a short one and takes one of 32 characters or more', () => {
    expect(() => loadConfig(EventsEnv, { ...database, EVENTS_PARTICIPANT_KEY_SECRET: 'short' })).toThrow(
      /EVENTS_PARTICIPANT_KEY_SECRET: must be at least 32 characters/,
    );
    const secret = 'a'.repeat(32);
    expect(loadConfig(EventsEnv, { ...database, EVENTS_PARTICIPANT_KEY_SECRET: secret })).toMatchObject({
      EVENTS_PARTICIPANT_KEY_SECRET: secret,
    });
  });
});
