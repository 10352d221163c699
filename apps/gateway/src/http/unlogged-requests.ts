/**
 * Requests the gateway writes no request log line for: a consultation response (ADR 0062). Its line would say
 * when a response came, from which LERO, with the request id the respondent's client saw; the answers are
 * stored without a time so that nothing dates them, and the log must not either. Matched loosely (any prefix,
 * a trailing slash, any case, a query) so that a variant the router accepts is not logged either.
 */
export const UNLOGGED_REQUESTS: readonly RegExp[] = [
  /\/advocacy\/consultations\/[^/?#]+\/responses\/?(?:[?#]|$)/i,
];
