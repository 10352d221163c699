import { pdfTextLines } from '@hearth/testing';
import type { PassportView } from '@hearth/contracts';
import { hoursText, letterOf, verificationLink, volunteerLetterPdf } from './volunteer-letter.util';

const TENANT = '6f1c1d7e-2f0a-4a47-9a4b-3f3f0f6b9c11';
const PASSPORT = '0d9f8a5e-3b7c-4c2e-8f1a-2b3c4d5e6f70';
const issuerId = `https://hearth.example.org/api/v1/public/volunteering/issuers/${TENANT}`;

const passport = (record: Record<string, unknown>): PassportView => ({
  passport: 'x.y.z',
  id: `urn:uuid:${PASSPORT}`,
  expiresAt: '2027-12-04T10:00:00.000Z',
  credentials: [],
  claims: {
    id: `urn:uuid:${PASSPORT}`,
    issuer: { id: issuerId, type: ['Profile'], name: 'Ŵyddgrug Recovery' },
    validFrom: '2026-12-04T10:00:00Z',
    credentialSubject: {
      identifier: [
        { type: 'IdentityObject', identityType: 'name', identityHash: 'Robin Ash', hashed: false },
      ],
      volunteerRecord: record,
    },
  },
});

const full = passport({
  training: [
    {
      achievement: { name: 'Safeguarding', tag: ['training'] },
      completedOn: '2026-11-01',
      expiresOn: '2027-11-01',
    },
    { achievement: { name: 'DBS basic', tag: ['check'] }, completedOn: '2026-10-02', expiresOn: null },
  ],
  roles: [{ title: 'Peer walk leader', firstServedOn: '2026-11-10', lastServedOn: '2026-12-01' }],
  hours: [{ role: 'Peer walk leader', year: 2026, approvedMinutes: 750 }],
});

describe('the letter of volunteering', () => {
  it('links to the public check page of the passport issued with it, at the issuer’s address', () => {
    expect(verificationLink(full)).toBe(`https://hearth.example.org/passports/check/${TENANT}/${PASSPORT}`);
  });

  it('reads exactly the passport’s claims', () => {
    const letter = letterOf(full);
    expect(letter).toMatchObject({
      name: 'Robin Ash',
      lero: 'Ŵyddgrug Recovery',
      issuedOn: '2026-12-04',
      expiresOn: '2027-12-04',
      rolesOmitted: false,
      hoursOmitted: false,
    });
    expect(letter.training.map((t) => t.kind)).toEqual(['training', 'check']);
    expect(letterOf(passport({ training: [] }))).toMatchObject({ rolesOmitted: true, hoursOmitted: true });
  });

  it('says hours in words', () => {
    expect(hoursText(750)).toBe('12 hours 30 minutes');
    expect(hoursText(60)).toBe('1 hour');
    expect(hoursText(0)).toBe('0 hours');
  });

  it('is a PDF with the name, roles, hours, training and checks, the link and its QR image', async () => {
    const pdf = await volunteerLetterPdf(letterOf(full));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const lines = pdfTextLines(pdf);
    const text = lines.join('\n');
    expect(text).toContain('Letter of volunteering');
    expect(text).toContain('Wyddgrug Recovery confirms that Robin Ash volunteers with us');
    expect(text).toContain('Peer walk leader: from 2026-11-10 to 2026-12-01');
    expect(text).toContain('Peer walk leader, 2026: 12 hours 30 minutes');
    expect(text).toContain('Safeguarding (training): completed 2026-11-01, valid until 2027-11-01');
    expect(text).toContain('DBS basic (check): completed 2026-10-02');
    expect(lines.join('')).toContain(verificationLink(full));
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  it('says what was left out rather than show nothing', async () => {
    const text = pdfTextLines(await volunteerLetterPdf(letterOf(passport({ training: [] })))).join('\n');
    expect(text.match(/Not included\./g)).toHaveLength(2);
    expect(text).toContain('None included.');
  });
});
