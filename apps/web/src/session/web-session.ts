import type { FastifyRequest } from 'fastify';
import { SECOND_FACTOR_ROLES, type Grant, type MeView } from '@hearth/contracts';

/** Where the person stands with two-factor sign-in (ADR 15). */
export interface ViewerTwoFactor {
  enabled: boolean;
  /** An admin who has not set it up: their tokens carry no admin role until they have. */
  setupRequired: boolean;
}

/**
 * The signed-in person as the pages see them: who they are, what their grants reach (as their token carries
 * them: no admin role before two-factor sign-in is set up), their access token.
 */
export interface Viewer {
  accountId: string;
  email: string;
  displayName: string;
  grants: Grant[];
  accessToken: string;
  twoFactor: ViewerTwoFactor;
}

/** What the encrypted session cookie holds once someone has signed in. */
export interface SessionAuth {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** How long the access token lives (ms): it is refreshed a quarter of that before it expires, at most 10 s. */
  lifetimeMs?: number;
  account: { id: string; email: string; displayName: string; grants: Grant[]; twoFactor?: ViewerTwoFactor };
}

/** A right password for an account with two-factor sign-in: waiting for the code. */
export interface PendingSignIn {
  challenge: string;
  email: string;
  next?: string;
  /** Epoch ms: after this the API refuses the challenge anyway. */
  expiresAt: number;
}

export interface Flash {
  /** A success banner on the next page. */
  success?: { title: string; text: string };
  /** The sign-in page explains why it is shown. */
  signIn?: string;
}

/** An invitation just created, shown once on the page after the redirect (its token is a secret). */
export interface CreatedInvitation {
  /** The LERO or region it is for. */
  placeId: string;
  placeName: string;
  email: string;
  role: string;
  url: string;
  expiresAt: string;
}

/** A password reset just made, shown once: its link only when Hearth could not email it. */
export interface CreatedReset {
  placeId: string;
  name: string;
  email: string;
  emailed: boolean;
  url?: string;
  expiresAt: string;
}

/** A break-glass appointment just made, shown once (its link works only from `takesEffectAt`). */
export interface CreatedAppointment {
  placeId: string;
  placeName: string;
  email: string;
  url: string;
  takesEffectAt: string;
  contactNotified: boolean;
}

export interface OnboardingDraft {
  regionId: string;
  name?: string;
  slug?: string;
  contactEmail?: string;
  adminEmail?: string;
}

/** A sign-in begun at an identity provider (ADR 80): its state, so only this browser can finish it. */
export interface PendingSso {
  state: string;
  /** The secret the API gave for this sign-in, sent back with the callback (the API's own binding). */
  binding: string;
  /** A pending invitation being accepted through the provider. */
  invitationToken?: string;
  next?: string;
  expiresAt: number;
}

/** An identity provider vouched for an account not yet linked to it: its password links them. */
export interface PendingSsoLink {
  linkToken: string;
  email: string;
  providerName: string;
  next?: string;
  expiresAt: number;
}

interface SessionData {
  auth?: SessionAuth;
  pendingSignIn?: PendingSignIn;
  pendingSso?: PendingSso;
  pendingSsoLink?: PendingSsoLink;
  /** Recovery codes just made, shown once on the next page. */
  recoveryCodes?: string[];
  flash?: Flash;
  invitation?: CreatedInvitation;
  resetLink?: CreatedReset;
  appointment?: CreatedAppointment;
  onboarding?: OnboardingDraft;
  /** The keys of the door's last newcomer forms that added someone: sent again, they add nobody twice. */
  newcomers?: string[];
}

/** Typed access to `@fastify/secure-session`'s session. */
export function session(req: FastifyRequest) {
  const s = req.session as unknown as {
    get(key: string): unknown;
    set(key: string, value: unknown): void;
    regenerate(): void;
  };
  return {
    get: <K extends keyof SessionData>(key: K): SessionData[K] => s.get(key) as SessionData[K],
    set: <K extends keyof SessionData>(key: K, value: SessionData[K]) => s.set(key, value),
    /** Reads a value and removes it (flash messages). */
    take: <K extends keyof SessionData>(key: K): SessionData[K] => {
      const value = s.get(key) as SessionData[K];
      if (value !== undefined) s.set(key, undefined);
      return value;
    },
    /** A new session on sign-in and sign-out: nothing from before (CSRF secret, drafts) carries over. */
    regenerate: () => s.regenerate(),
  };
}

/** A success banner on the next page (the one after the redirect). */
export function flash(req: FastifyRequest, title: string, text: string): void {
  session(req).set('flash', { success: { title, text } });
}

export function toSessionAuth(
  tokens: { accessToken: string; refreshToken: string; expiresIn: number; mfaSetupRequired?: true },
  me: MeView,
  now: number,
): SessionAuth {
  const setupRequired = tokens.mfaSetupRequired === true || me.twoFactor?.setupRequired === true;
  const grants = me.grants as Grant[];
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now + tokens.expiresIn * 1000,
    lifetimeMs: tokens.expiresIn * 1000,
    account: {
      id: me.id,
      email: me.email,
      displayName: me.displayName,
      // The pages offer what the token can do: admin roles wait for two-factor sign-in.
      grants: setupRequired ? grants.filter((g) => !SECOND_FACTOR_ROLES.includes(g.role)) : grants,
      twoFactor: { enabled: me.twoFactor?.enabled === true, setupRequired },
    },
  };
}

export const viewerOf = (auth: SessionAuth): Viewer => ({
  accountId: auth.account.id,
  email: auth.account.email,
  displayName: auth.account.displayName,
  grants: auth.account.grants,
  accessToken: auth.accessToken,
  twoFactor: auth.account.twoFactor ?? { enabled: false, setupRequired: false },
});
