import type { FastifyRequest } from 'fastify';
import type { Grant, MeView } from '@hearth/contracts';

/** The signed-in person as the pages see them: who they are, what their grants reach, their access token. */
export interface Viewer {
  accountId: string;
  email: string;
  displayName: string;
  grants: Grant[];
  accessToken: string;
}

/** What the encrypted session cookie holds once someone has signed in. */
export interface SessionAuth {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  account: { id: string; email: string; displayName: string; grants: Grant[] };
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

interface SessionData {
  auth?: SessionAuth;
  flash?: Flash;
  invitation?: CreatedInvitation;
  resetLink?: CreatedReset;
  appointment?: CreatedAppointment;
  onboarding?: OnboardingDraft;
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

export function toSessionAuth(
  tokens: { accessToken: string; refreshToken: string; expiresIn: number },
  me: MeView,
  now: number,
): SessionAuth {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now + tokens.expiresIn * 1000,
    account: { id: me.id, email: me.email, displayName: me.displayName, grants: me.grants as Grant[] },
  };
}

export const viewerOf = (auth: SessionAuth): Viewer => ({
  accountId: auth.account.id,
  email: auth.account.email,
  displayName: auth.account.displayName,
  grants: auth.account.grants,
  accessToken: auth.accessToken,
});
