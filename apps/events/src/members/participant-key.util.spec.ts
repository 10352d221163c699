import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParticipantKeys, loadOrCreateParticipantKeySecret } from './participant-key.util';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const LERO = '01900000-0000-7000-8000-0000000000a1';
const OTHER_LERO = '01900000-0000-7000-8000-0000000000a2';
const MEMBER = '01900000-0000-7000-8000-0000000000f1';

describe('participant keys', () => {
  const keys = new ParticipantKeys(SECRET);

  it('is stable for one member in one LERO, whatever the id’s case', () => {
    expect(keys.keyOf(LERO, MEMBER)).toBe(keys.keyOf(LERO, MEMBER.toUpperCase()));
    expect(keys.keyOf(LERO, MEMBER)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never contains the member id, and differs across LEROs and secrets', () => {
    const key = keys.keyOf(LERO, MEMBER);
    expect(key).not.toContain(MEMBER);
    expect(key).not.toContain(MEMBER.replaceAll('-', ''));
    expect(keys.keyOf(OTHER_LERO, MEMBER)).not.toBe(key);
    expect(new ParticipantKeys(`${SECRET}-rotated`).keyOf(LERO, MEMBER)).not.toBe(key);
  });

  it('differs between members', () => {
    expect(keys.keyOf(LERO, '01900000-0000-7000-8000-0000000000f2')).not.toBe(keys.keyOf(LERO, MEMBER));
  });

  it('refuses a short secret', () => {
    expect(() => new ParticipantKeys('too-short')).toThrow(/at least 32/);
  });

  it('keeps a generated secret in the data directory across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearth-pk-'));
    try {
      const first = loadOrCreateParticipantKeySecret(dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(loadOrCreateParticipantKeySecret(dir)).toBe(first);
      expect(statSync(join(dir, 'events-participant-key.secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
