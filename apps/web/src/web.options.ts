import type { ApiFetch } from './api/in-process-api';

export interface WebOptions {
  /**
   * The gateway's base URL (`http://127.0.0.1:3000`). A function when it is known only once the server listens
   * (standalone calls its own gateway on the port it got).
   */
  apiUrl: string | (() => string);
  /** How to reach it: `fetch` by default; standalone passes `inProcessApi().apiFetch` (the same server). */
  apiFetch?: ApiFetch;
  /** 32-byte key that encrypts and authenticates the session cookie (libsodium secretbox). */
  sessionKey: Buffer;
  /** The origin people reach the web app at, for links that are copied (invitations); else the request's. */
  publicUrl?: string;
  /**
   * Drop `Secure` from the session cookie for plain-HTTP requests to a loopback host (127.0.0.1, localhost,
   * ::1) only: development, tests and standalone on a laptop. Every other request gets a `Secure` cookie.
   */
  allowInsecureLoopbackCookies?: boolean;
  /**
   * Plain HTTP on a network the operator trusts (ALLOW_INSECURE_HTTP with an http:// PUBLIC_URL): the session
   * cookie without `Secure` on every plain-HTTP request, and (the web container's own headers) no HSTS or
   * upgrade-insecure-requests. Requests that arrived over HTTPS (X-Forwarded-Proto from a trusted proxy) keep
   * `Secure`.
   */
  insecureHttp?: boolean;
  /** Where "Exit this page" takes a person. */
  exitUrl?: string;
  /** How long to wait for the gateway before showing "try again later". */
  apiTimeoutMs?: number;
  /** The clock (tests move it to make access tokens expire). */
  now?: () => number;
}

export const WEB_OPTIONS = Symbol('WEB_OPTIONS');

export const DEFAULT_EXIT_URL = 'https://www.bbc.co.uk/weather';

export const apiBaseUrl = (options: WebOptions): string =>
  (typeof options.apiUrl === 'function' ? options.apiUrl() : options.apiUrl).replace(/\/+$/, '');
