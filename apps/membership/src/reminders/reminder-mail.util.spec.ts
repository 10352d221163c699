import { renderMail } from '@hearth/mail';
import { sessionReminderMail, shiftReminderMail } from './reminder-mail.util';

const SESSION = {
  tenantId: '01900000-0000-7000-8000-000000000001',
  sessionId: '01900000-0000-7000-8000-000000000002',
  title: 'Recovery café <Tuesdays>',
  startsAt: '2026-07-07T17:30:00.000Z',
  endsAt: '2026-07-07T19:00:00.000Z',
  timezone: 'Europe/London',
  place: 'The Old Library, 1 High Street, LS1 1AA',
  memberIds: [],
};
const LINK = 'https://h.example/unsubscribe?token=t';

describe('a session reminder (ADR 0081)', () => {
  it('keeps the subject and first line neutral, and tells what, when (in the session’s zone) and where', () => {
    const mail = renderMail(sessionReminderMail(SESSION, LINK));
    expect(mail.subject).toBe('A reminder from Hearth');
    expect(`${mail.subject} ${mail.text.split('\n')[0]}`).not.toMatch(/recover|addict|alcohol|drug/i);
    expect(mail.text).toContain('What: Recovery café <Tuesdays>');
    expect(mail.text).toMatch(/When: Tuesday,? 7 July 2026 at 18:30 to 20:00/);
    expect(mail.text).toContain('Where: The Old Library, 1 High Street, LS1 1AA');
    expect(mail.text).toContain(`Stop these reminders: ${LINK}`);
    expect(mail.html).toContain('Recovery café &lt;Tuesdays&gt;');
    expect(mail.html).toContain(`<a href="${LINK}">Stop these reminders</a>`);
  });

  it('gives inboxes a neutral preview that stops before the details', () => {
    const mail = renderMail(sessionReminderMail(SESSION, LINK));
    const body = mail.html.slice(mail.html.indexOf('<body'));
    const hidden = body.match(/<div style="display: none[^>]*>([^<]*)<\/div>/);
    expect(hidden?.[1]).toMatch(/^Your reminder from Hearth: open this email to see it\.(&#8199;&#847;)+$/);
    // Nothing of the session comes before the preview's end.
    expect(body.indexOf('Recovery café')).toBeGreaterThan(body.indexOf(hidden![0]) + hidden![0].length);
    expect(mail.text.split('\n')[0]).toBe('Your reminder from Hearth: open this email to see it.');
  });

  it('gives no place when the location is on request', () => {
    const { text } = renderMail(sessionReminderMail({ ...SESSION, place: null }, LINK));
    expect(text).toContain('Where: ask your organisation for the place.');
  });
});

describe('a shift reminder (ADR 0081)', () => {
  const SHIFT = {
    ...SESSION,
    shiftId: '01900000-0000-7000-8000-000000000003',
    title: 'Garden helper',
    place: 'Community garden, Mill Lane',
  };

  it('has the same neutral subject, names the role, the time in the shift’s zone and its place', () => {
    const mail = renderMail(shiftReminderMail(SHIFT, LINK));
    expect(mail.subject).toBe('A reminder from Hearth');
    expect(mail.text.split('\n\n')[1]).toBe('A reminder of a volunteering shift you signed up for.');
    expect(mail.text).toContain('What: Garden helper');
    expect(mail.text).toMatch(/When: Tuesday,? 7 July 2026 at 18:30 to 20:00/);
    expect(mail.text).toContain('Where: Community garden, Mill Lane');
    expect(mail.text).toContain(`Stop these reminders: ${LINK}`);
  });

  it('gives no place when the shift has none', () => {
    const { text } = renderMail(shiftReminderMail({ ...SHIFT, place: null }, LINK));
    expect(text).toContain('Where: ask your organisation for the place.');
  });
});
