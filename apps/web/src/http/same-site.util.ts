/** The headers a browser sends that say where a form post came from. */
export interface PostOrigin {
  secFetchSite?: string;
  origin?: string;
  /** The host the request was made to (Host, or X-Forwarded-Host from a trusted proxy). */
  host: string;
  /** The web app's public address, when configured (PUBLIC_URL). */
  publicUrl?: string;
}

const SAME_SITE_FETCH = new Set(['same-origin', 'same-site', 'none']);

const hostOf = (url: string) => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * Whether a form post comes from this site. Browsers say so in `Sec-Fetch-Site` (same-origin, same-site, or
 * none for a person's own navigation), which a page cannot forge; older ones only send `Origin`, which must
 * then be this host (or PUBLIC_URL's). A post with neither header comes from no browser that lets a page make
 * it for another site (they all send Origin on POST), and is left to the CSRF token alone.
 */
export function isSameSitePost(post: PostOrigin): boolean {
  if (post.secFetchSite !== undefined) return SAME_SITE_FETCH.has(post.secFetchSite.toLowerCase());
  if (post.origin === undefined) return true;
  const origin = hostOf(post.origin);
  if (!origin) return false; // "null": a sandboxed frame, a data: URL, a redirect from elsewhere
  return origin === post.host.toLowerCase() || (!!post.publicUrl && origin === hostOf(post.publicUrl));
}
