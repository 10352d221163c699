import type { CreateConsultationDto } from '@hearth/contracts';

/**
 * A consultation's fields as its staff would send them (opened a minute ago, closing tomorrow): three questions (a
 * single choice, a scale, a written one) and one "about you" question; `over` replaces any of them.
 */
export const consultationFields = (over: Partial<CreateConsultationDto> = {}): CreateConsultationDto => ({
  title: 'Your say on the new drop-in',
  purpose: 'The council is changing the drop-in hours.',
  askedBy: 'The council’s commissioning team',
  useOfAnswers: 'A summary goes to the council in March.',
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  audience: 'members',
  questions: [
    { kind: 'single', text: 'Which hours suit you?', options: ['Mornings', 'Evenings'] },
    { kind: 'scale', text: 'How useful is the drop-in?' },
    { kind: 'text', text: 'Anything else?' },
  ],
  aboutYou: [{ kind: 'single', text: 'Your age', options: ['Under 35', '35 and over'] }],
  ...over,
});

/** A random (version 4) UUID: the id of a record anonymous by design (a consultation's answers). */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
