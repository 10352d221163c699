import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: invitation and refresh tokens. */
export const newSecretToken = () => randomBytes(32).toString('base64url');

/** Tokens are stored as their SHA-256 only; they carry enough entropy that no slow hash is needed. */
export const hashSecretToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
