import { renderMail } from '@hearth/mail';
import { digestIsEmpty, digestMail, type DigestFacts } from './digest-mail.util';

const links = {
  hearth: 'https://hearth.test/',
  unsubscribe: 'https://hearth.test/digest/unsubscribe?token=t',
};

describe('the weekly digest email', () => {
  const facts: DigestFacts = {
    leros: [
      {
        lero: 'Leeds Recovery Hub',
        sessions: [
          {
            title: 'Art <club>',
            startsAt: '2026-12-08T14:00:00Z',
            timezone: 'Europe/London',
            going: 2,
            waitlisted: 1,
          },
        ],
        expiring: [{ name: 'First aid', count: 3 }],
      },
    ],
    regions: [{ region: 'West Yorkshire', dueForReview: 1, more: false, names: ['Food bank'] }],
  };

  it('keeps the subject and first line neutral, naming the organisations only below them', () => {
    const mail = renderMail(digestMail(facts, links, 30));
    expect(mail.subject).toBe('Your weekly summary from Hearth');
    const firstLine = mail.text.split('\n')[0];
    for (const word of [/recovery/i, /Leeds/, /Yorkshire/]) {
      expect(mail.subject).not.toMatch(word);
      expect(firstLine).not.toMatch(word);
    }
    expect(mail.text).toContain(
      'Leeds Recovery Hub: 1 session in the next 7 days, 2 going, 1 on waiting lists.',
    );
    expect(mail.text).toContain('- Art <club>, Tuesday 8 December at 14:00: 2 going, 1 waiting');
    expect(mail.text).toContain(
      'Leeds Recovery Hub: volunteers’ training and checks expiring in the next 30 days: First aid (3).',
    );
    expect(mail.text).toContain('West Yorkshire: 1 directory listing is due for review.');
    expect(mail.html).toContain('Art &lt;club&gt;');
    expect(mail.html).toContain(`<a href="${links.unsubscribe}">Stop these weekly summaries</a>`);
  });

  it('gives inboxes a neutral preview that stops before any organisation is named', () => {
    const mail = renderMail(digestMail(facts, links, 30));
    const body = mail.html.slice(mail.html.indexOf('<body'));
    const hidden = body.match(/<div style="display: none[^>]*>([^<]*)<\/div>/);
    expect(hidden?.[1]).toMatch(
      /^Your weekly summary from Hearth: open this email to see it\.(&#8199;&#847;)+$/,
    );
    expect(body.indexOf('Leeds')).toBeGreaterThan(body.indexOf(hidden![0]) + hidden![0].length);
  });

  it('is empty with nothing coming up, expiring or due', () => {
    expect(digestIsEmpty(facts)).toBe(false);
    expect(
      digestIsEmpty({
        leros: [{ lero: 'A', sessions: [], expiring: [] }],
        regions: [{ region: 'R', dueForReview: 0, more: false, names: [] }],
      }),
    ).toBe(true);
  });
});
