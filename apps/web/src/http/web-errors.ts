/** Thrown where a page needs someone signed in: the error filter sends them to /sign-in and back after. */
export class NotSignedIn extends Error {
  constructor(readonly reason?: string) {
    super('Not signed in');
    this.name = 'NotSignedIn';
  }
}

/** A page that does not exist, or that this person may not know exists. */
export class PageNotFound extends Error {
  constructor() {
    super('Page not found');
    this.name = 'PageNotFound';
  }
}

/** A page this person may not see (their grants do not reach it). */
export class PageForbidden extends Error {
  constructor(readonly detail?: string) {
    super('Forbidden');
    this.name = 'PageForbidden';
  }
}

/** A form posted without a valid CSRF token (stale page, another site). */
export class CsrfRejected extends Error {
  constructor() {
    super('CSRF token missing or not valid');
    this.name = 'CsrfRejected';
  }
}

/** A form posted from another website (its Origin or Sec-Fetch-Site says so), whatever its token. */
export class CrossSiteRequest extends Error {
  constructor() {
    super('Form posted from another site');
    this.name = 'CrossSiteRequest';
  }
}
