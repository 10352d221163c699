import { existsSync } from 'node:fs';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const PHONE = { width: 375, height: 812 };

/** Git-ignored (`screenshots/`): a reviewer looks at these. */
export const screenshotsDir = (journey: string) => resolve(__dirname, '../../../screenshots/web', journey);

/**
 * The pages docs/user-guide.md and the README show (`<journey>/<page>` → `docs/screenshots/<file>.png`). A run
 * with `HEARTH_DOCS_SCREENSHOTS=1` writes them there too, so the guide shows the screens as they are.
 */
export const DOCS_SCREENSHOTS: Record<string, string> = {
  'onboarding/sign-in': 'sign-in',
  'onboarding/admin-two-factor-set-up': 'two-factor-set-up',
  'onboarding/onboard-tasks': 'onboard-a-lero',
  'onboarding/onboard-invitation': 'onboard-invitation-link',
  'onboarding/accept-invitation': 'accept-invitation',
  'onboarding/invite': 'invite-someone',
  'onboarding/team': 'team',
  'onboarding/region-with-lero': 'region',
  'onboarding/region-invite': 'invite-a-commissioner',
  'onboarding/lero-for-region-admin': 'lero-for-region-admin',
  'lero/lero-home-empty': 'lero-home',
  'lero/add-member': 'add-member',
  'lero/member': 'member',
  'lero/members': 'members',
  'lero/import-errors': 'import-errors',
  'lero/erase-confirm': 'erase',
  'lero/create-activity': 'create-activity',
  'lero/activity': 'activity',
  'lero/session': 'session',
  'lero/door-search': 'door-search',
  'lero/door-checked-in': 'door-view',
  'lero/public-page': 'public-page',
  'everyday-admin/change-activity': 'change-activity',
  'everyday-admin/pause-confirm': 'pause-activity',
  'everyday-admin/session-booked': 'book-someone',
  'everyday-admin/door-expected': 'door-expected',
  'everyday-admin/door-newcomer': 'door-newcomer',
  'report/report': 'impact-report',
  'report/lero-impact': 'lero-impact-figures',
  'directory/directory-results': 'directory-search',
  'directory/directory-listing': 'directory-listing',
  'directory/suggest-listing': 'suggest-a-listing',
  'directory/lero-suggestions': 'lero-suggestions',
  'directory/curate': 'directory-curators',
  'directory/suggestion': 'directory-suggestion',
  'volunteering/role': 'volunteering-role',
  'volunteering/rota-named': 'rota',
  'volunteering/hours-queue': 'hours-to-approve',
  'volunteering/my-hours': 'my-hours',
};
const DOCS_SCREENSHOTS_DIR = resolve(__dirname, '../../../docs/screenshots');

/** Follows an item of the main navigation, opening the phone's "Menu" first when it is collapsed. */
export async function followNavigation(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/**
 * Signs in on the sign-in page as a person would; with `code` (someone with two-factor sign-in), the code page
 * that follows too.
 */
export async function signInInBrowser(
  page: Page,
  webUrl: string,
  person: { email: string; password: string; code?: () => Promise<string> },
): Promise<void> {
  // The code first: when the app's next code is a while away, the sign-in is not yet waiting for it.
  const code = person.code ? await person.code() : undefined;
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel('Email address', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (code === undefined) return;
  await page.waitForURL('**/sign-in/code');
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Phone-sized pages in one browser, and the check every page of a journey passes: axe with the WCAG 2.2
 * A/AA tags finds nothing, nothing is wider than the screen, and a full-page screenshot is saved.
 */
export class Journey {
  private readonly contexts: BrowserContext[] = [];
  private shot = 0;

  constructor(
    private readonly browser: Browser,
    private readonly dir: string,
  ) {}

  async prepare(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
  }

  async open(origin?: string): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    if (origin) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    this.contexts.push(context);
    return context.newPage();
  }

  async check(page: Page, name: string, width = page.viewportSize()?.width ?? PHONE.width): Promise<void> {
    // Only violations are wanted: axe then does much less work for the rules that pass.
    const { violations } = await new AxeBuilder({ page })
      .options({ resultTypes: ['violations'] })
      .withTags(WCAG_TAGS)
      .analyze();
    const described = violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    const path = join(this.dir, `${String(++this.shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    const docs = DOCS_SCREENSHOTS[`${basename(this.dir)}/${name}`];
    if (docs && process.env.HEARTH_DOCS_SCREENSHOTS === '1')
      await copyFile(path, join(DOCS_SCREENSHOTS_DIR, `${docs}.png`));
    expect({ page: name, violations: described }).toEqual({ page: name, violations: [] });
    // Usable at phone width: nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
  }
}
