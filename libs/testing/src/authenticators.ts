import { Secret, TOTP } from 'otpauth';
import { eventually } from './eventually';

const PERIOD_MS = 30_000;
const stepAt = (ms: number) => Math.floor(ms / PERIOD_MS);

/** A code of `secret` for one time step, computed as an authenticator app would (the same library). */
export const totpCodeFor = (secret: string, step: number): string =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: step * PERIOD_MS + 1, period: 30 });

/**
 * The authenticator apps of the people tests sign in: each person's TOTP secret (as the set-up answered it) and
 * recovery codes. Hearth accepts a code only for a time step newer than the last one it took from that person
 * (one step either side of now), so each code handed out is for the next unused step: now, then the next, and
 * when both are used, the next after waiting for the clock (at most one 30-second period).
 */
export class Authenticators {
  private readonly people = new Map<string, { secret: string; lastStep: number; recoveryCodes: string[] }>();

  private key = (email: string) => email.trim().toLowerCase();

  remember(email: string, secret: string, usedStep: number, recoveryCodes: string[] = []): void {
    this.people.set(this.key(email), { secret, lastStep: usedStep, recoveryCodes: [...recoveryCodes] });
  }

  has(email: string): boolean {
    return this.people.has(this.key(email));
  }

  secretOf(email: string): string {
    const person = this.people.get(this.key(email));
    if (!person) throw new Error(`no authenticator set up for ${email} in this test`);
    return person.secret;
  }

  /** The step a first code for a new secret is for (now), recorded by `remember`. */
  static currentStep(): number {
    return stepAt(Date.now());
  }

  /** A code for the next step Hearth has not taken from this person; waits for the clock when it must. */
  async code(email: string): Promise<string> {
    const person = this.people.get(this.key(email));
    if (!person) throw new Error(`no authenticator set up for ${email} in this test`);
    const next = Math.max(stepAt(Date.now()), person.lastStep + 1);
    // A code one step ahead is accepted; two ahead is not, until the clock moves on.
    await eventually(
      () => {
        if (stepAt(Date.now()) < next - 1) throw new Error(`waiting for time step ${next - 1}`);
      },
      { timeoutMs: PERIOD_MS + 5000, intervalMs: 250 },
    );
    person.lastStep = next;
    return totpCodeFor(person.secret, next);
  }

  /** Six digits that are not a code Hearth would take for `secret` now (tests of wrong codes). */
  static wrongCodeFor(secret: string): string {
    const step = stepAt(Date.now());
    const right = new Set([-1, 0, 1, 2].map((d) => totpCodeFor(secret, step + d)));
    for (let n = 0; ; n++) {
      const candidate = String((123_456 + n * 7919) % 1_000_000).padStart(6, '0');
      if (!right.has(candidate)) return candidate;
    }
  }

  wrongCode(email: string): string {
    return Authenticators.wrongCodeFor(this.secretOf(email));
  }

  /** Records that the server took a code for `step` from this person outside `code()`. */
  used(email: string, step: number): void {
    const person = this.people.get(this.key(email));
    if (person) person.lastStep = Math.max(person.lastStep, step);
  }

  /** One unused recovery code (it is then spent). */
  takeRecoveryCode(email: string): string {
    const person = this.people.get(this.key(email));
    const code = person?.recoveryCodes.shift();
    if (!code) throw new Error(`no recovery code left for ${email} in this test`);
    return code;
  }

  setRecoveryCodes(email: string, codes: string[]): void {
    const person = this.people.get(this.key(email));
    if (person) person.recoveryCodes = [...codes];
  }
}
