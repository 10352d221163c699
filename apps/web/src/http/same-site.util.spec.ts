import { isSameSitePost } from './same-site.util';

describe('isSameSitePost', () => {
  const host = 'hearth.example.org';

  it('believes Sec-Fetch-Site first: the same origin, the same site, or the person’s own navigation', () => {
    for (const site of ['same-origin', 'same-site', 'none', 'Same-Origin'])
      expect(isSameSitePost({ secFetchSite: site, host })).toBe(true);
    expect(isSameSitePost({ secFetchSite: 'cross-site', host })).toBe(false);
    // Sec-Fetch-Site decides even when Origin looks right (a page cannot set either).
    expect(isSameSitePost({ secFetchSite: 'cross-site', origin: `https://${host}`, host })).toBe(false);
  });

  it('otherwise wants Origin to be this host or the configured public address', () => {
    expect(isSameSitePost({ origin: `https://${host}`, host })).toBe(true);
    expect(isSameSitePost({ origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3001' })).toBe(true);
    expect(isSameSitePost({ origin: 'https://evil.example', host })).toBe(false);
    expect(isSameSitePost({ origin: `https://${host}.evil.example`, host })).toBe(false);
    expect(isSameSitePost({ origin: 'null', host })).toBe(false);
    expect(
      isSameSitePost({
        origin: 'https://hearth.example.org',
        host: '10.0.0.5:3001',
        publicUrl: 'https://hearth.example.org/',
      }),
    ).toBe(true);
  });

  it('leaves a post without either header to the CSRF token', () => {
    expect(isSameSitePost({ host })).toBe(true);
  });
});
