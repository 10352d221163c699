import { UNLOGGED_PAGES } from './unlogged-pages';

const unlogged = (url: string) => UNLOGGED_PAGES.some((p) => p.test(url));
const lero = '/leros/01a24345-8bdf-7f84-8d22-e98e54552193/consultations';
const id = '01a24346-0000-7000-8000-000000000000';

describe('the pages left out of the web app’s request log (ADR 0071)', () => {
  it('leaves out answering a consultation and the thank-you page, in any variant the router accepts', () => {
    for (const url of [
      `${lero}/${id}/respond`,
      `${lero}/${id}/respond/`,
      `${lero}/${id}/RESPOND?x=1`,
      `${lero}/thanks`,
      `${lero}/Thanks/`,
      `${lero}/thanks?from=${id}`,
      // A public link's page and post (ADR 0074), and its thank-you page.
      `/consultations/${id}`,
      `/consultations/${id}/`,
      `/Consultations/${id}?x=1`,
      `//consultations/${id}`,
      '/consultations/thanks',
    ])
      expect({ url, unlogged: unlogged(url) }).toEqual({ url, unlogged: true });
  });

  it('logs the staff’s pages of the same consultation', () => {
    for (const url of [lero, `${lero}/${id}`, `${lero}/${id}/results`, `${lero}/${id}/edit`, `${lero}/new`])
      expect({ url, unlogged: unlogged(url) }).toEqual({ url, unlogged: false });
  });
});
