/**
 * Requests the gateway writes no request log line for: a consultation response, a member's (ADR 0062) or one
 * through a public link (`/api/v1/public/consultations/{id}/responses`, ADR 0067). Its line would say
 * when a response came, from which LERO, with the request id the respondent's client saw; the answers are
 * stored without a time so that nothing dates them, and the log must not either. Matched loosely (any prefix,
 * a trailing slash, any case, a query) so that a variant the router accepts is not logged either.
 */
export const UNLOGGED_REQUESTS: readonly RegExp[] = [
  /\/(?:advocacy|public)\/consultations\/[^/?#]+\/responses\/?(?:[?#]|$)/i,
];
