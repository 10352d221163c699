import type { TrainingRecordView } from '@hearth/contracts';
import { choiceBoxes, choicesQuery, heldItems, readChoices, revealList } from './passport-choices';

const FIRST_AID = '0190a5e4-0000-7000-8000-0000000000a1';
const SAFEGUARDING = '0190a5e4-0000-7000-8000-0000000000a2';
const DBS = '0190a5e4-0000-7000-8000-0000000000c1';

const record = (more: Partial<TrainingRecordView>): TrainingRecordView => ({
  id: FIRST_AID,
  memberId: '0190a5e4-0000-7000-8000-00000000000c',
  trainingId: '0190a5e4-0000-7000-8000-0000000000f1',
  name: 'First aid',
  kind: 'training',
  completedOn: '2026-02-01',
  expiresOn: '2029-02-01',
  status: 'valid',
  how: 'certificate-seen',
  verifiedBy: '0190a5e4-0000-7000-8000-00000000000d',
  acceptedFrom: null,
  recordedAt: '2026-02-01T10:00:00Z',
  updatedAt: '2026-02-01T10:00:00Z',
  ...more,
});

const held = heldItems([
  record({}),
  record({
    id: SAFEGUARDING,
    trainingId: '0190a5e4-0000-7000-8000-0000000000f2',
    name: 'Safeguarding',
    expiresOn: null,
  }),
  record({
    id: DBS,
    trainingId: '0190a5e4-0000-7000-8000-0000000000f3',
    name: 'DBS basic',
    kind: 'check',
    completedOn: '2026-03-10',
  }),
]);

describe('readChoices', () => {
  it('is all training, no checks, roles and hours when nothing is chosen', () => {
    expect(readChoices(undefined)).toEqual({
      training: 'all',
      checks: 'none',
      roles: 'include',
      hours: 'include',
    });
  });

  it('keeps the old links: all and none', () => {
    expect(readChoices({ training: 'none', checks: 'all', roles: 'omit', hours: 'omit' })).toEqual({
      training: 'none',
      checks: 'all',
      roles: 'omit',
      hours: 'omit',
    });
  });

  it('reads ticked boxes beside the hidden none, and none when nothing is ticked', () => {
    expect(readChoices({ training: ['none', FIRST_AID], checks: 'none' })).toMatchObject({
      training: [FIRST_AID],
      checks: 'none',
    });
    expect(readChoices({ training: 'none', checks: ['none', DBS.toUpperCase()] })).toMatchObject({
      training: 'none',
      checks: [DBS],
    });
  });

  it('reads the letter link’s comma-separated ids, once each', () => {
    expect(readChoices({ training: `${FIRST_AID},${SAFEGUARDING},${FIRST_AID}` }).training).toEqual([
      FIRST_AID,
      SAFEGUARDING,
    ]);
  });

  it('takes anything else as the default, so checks stay out', () => {
    expect(readChoices({ training: 'some', checks: ['everything', 'x'], roles: 'yes', hours: 3 })).toEqual({
      training: 'all',
      checks: 'none',
      roles: 'include',
      hours: 'include',
    });
    expect(readChoices({ checks: ['all', 'none'] }).checks).toBe('none');
  });
});

describe('heldItems', () => {
  it('is the latest valid record of each training, training and checks apart, by name', () => {
    const later = '0190a5e4-0000-7000-8000-0000000000a9';
    const expired = '0190a5e4-0000-7000-8000-0000000000e1';
    const items = heldItems([
      record({}),
      record({ id: later, completedOn: '2026-05-01' }),
      record({ id: expired, trainingId: '0190a5e4-0000-7000-8000-0000000000f9', status: 'expired' }),
      record({ id: DBS, trainingId: '0190a5e4-0000-7000-8000-0000000000f3', name: 'DBS', kind: 'check' }),
    ]);
    expect(items.training.map((h) => h.id)).toEqual([later]);
    expect(items.checks.map((h) => h.id)).toEqual([DBS]);
    expect(held.training.map((h) => h.name)).toEqual(['First aid', 'Safeguarding']);
  });
});

describe('revealList', () => {
  it('names exactly the chosen training and checks', () => {
    const lines = revealList(
      readChoices({ training: ['none', SAFEGUARDING], checks: 'none' }),
      'Phoenix',
      held,
    );
    expect(lines).toContain('Training: Safeguarding, completed Sunday 1 February 2026, does not expire.');
    expect(lines.join('\n')).not.toMatch(/First aid|DBS/);
    const withCheck = revealList(readChoices({ training: 'none', checks: ['none', DBS] }), 'Phoenix', held);
    expect(withCheck).toContain(
      'Check: DBS basic, completed Tuesday 10 March 2026, expires Thursday 1 February 2029.',
    );
    expect(withCheck.join('\n')).not.toMatch(/Training:/);
  });

  it('names every held item for the old "all", and none for "none"', () => {
    const all = revealList(readChoices({ checks: 'all', roles: 'omit', hours: 'omit' }), 'Phoenix', held);
    expect(all.filter((l) => /^(Training|Check):/.test(l))).toHaveLength(3);
    expect(all.join('\n')).not.toMatch(/roles|hours/);
    const none = revealList(readChoices({ training: 'none' }), 'Phoenix', held);
    expect(none).toEqual([
      'Your display name.',
      'Phoenix as the issuer, with its address on Hearth.',
      'When it was issued, and that it expires a year later.',
      'The roles you have served in, with your first and last shift dates.',
      'Your approved hours, by role and calendar year.',
    ]);
  });

  it('leaves out an id that is not held (another’s record, or one no longer valid)', () => {
    const other = '0190a5e4-0000-7000-8000-0000000000b7';
    const lines = revealList(readChoices({ training: ['none', other, FIRST_AID] }), 'Phoenix', held);
    expect(lines.filter((l) => l.startsWith('Training:'))).toEqual([
      'Training: First aid, completed Sunday 1 February 2026, expires Thursday 1 February 2029.',
    ]);
  });
});

describe('choicesQuery and choiceBoxes', () => {
  it('asks the API for the held ids among those chosen, none when none is held, and all/none as they are', () => {
    const other = '0190a5e4-0000-7000-8000-0000000000b7';
    expect(choicesQuery(readChoices({ training: ['none', other, SAFEGUARDING, FIRST_AID] }), held)).toEqual({
      training: `${FIRST_AID},${SAFEGUARDING}`,
      checks: 'none',
      roles: 'include',
      hours: 'include',
    });
    expect(choicesQuery(readChoices({ training: other, checks: 'all' }), held)).toMatchObject({
      training: 'none',
      checks: 'all',
    });
  });

  it('ticks training by default and checks only when chosen', () => {
    const choices = readChoices({});
    expect(choiceBoxes(choices.training, held.training).map((b) => b.checked)).toEqual([true, true]);
    expect(choiceBoxes(choices.checks, held.checks)).toEqual([
      {
        value: DBS,
        text: 'DBS basic',
        hint: { text: 'Completed Tuesday 10 March 2026, expires Thursday 1 February 2029' },
        checked: false,
      },
    ]);
    expect(choiceBoxes([DBS], held.checks)[0].checked).toBe(true);
  });
});
