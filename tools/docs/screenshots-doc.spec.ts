import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DOCS_SCREENSHOTS } from '../../apps/web/test/browser';

const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'docs/screenshots');

/** The Markdown pages of the repository that show images: the README and docs/. */
const pages = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'docs', f)),
];

/** Every local image a page shows, as a path from the repository root. */
const images = pages.flatMap((page) =>
  [...readFileSync(page, 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src))
    .map((src) => ({ page: relative(ROOT, page), image: relative(ROOT, resolve(dirname(page), src)) })),
);

describe('the screenshots the docs show', () => {
  it('exist', () => {
    expect(images.length).toBeGreaterThan(10);
    expect(images.filter(({ image }) => !existsSync(join(ROOT, image)))).toEqual([]);
  });

  it('are all taken by the browser journeys, so HEARTH_DOCS_SCREENSHOTS=1 refreshes every one', () => {
    const taken = new Set(Object.values(DOCS_SCREENSHOTS).map((name) => `${name}.png`));
    const files = readdirSync(SHOTS).filter((f) => f.endsWith('.png'));
    expect(files.filter((f) => !taken.has(f))).toEqual([]);
    const shown = new Set(images.map(({ image }) => image));
    expect(files.filter((f) => !shown.has(`docs/screenshots/${f}`))).toEqual([]);
  });
});
