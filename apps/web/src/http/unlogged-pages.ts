/**
 * Pages the web app writes no request log line for (ADR 0071): answering a consultation (its form and the post)
 * and the thank-you page after it, a member's and through a public link (`/consultations/{id}`, ADR 0074). Their
 * lines would say when someone answered, with the consultation's id, which the answers are stored without so that
 * nothing dates them (ADR 0062); the gateway leaves its respond routes out of its log for the same reason. Matched
 * loosely (any case, a trailing slash, a query).
 */
export const UNLOGGED_PAGES: readonly RegExp[] = [
  /\/consultations\/[^/?#]+\/respond\/?(?:[?#]|$)/i,
  /\/consultations\/thanks\/?(?:[?#]|$)/i,
  /^\/+consultations\/[^/?#]+\/?(?:[?#]|$)/i,
];
