/** What the consultation routes of a LERO and of a region say alike in the API document (ADR 0062). */
export const CONSULTATION_FIELDS =
  '`{title, purpose, askedBy, useOfAnswers, opensAt, closesAt, audience, questions: [{kind: single | multiple | ' +
  'scale | text, text, options?}], aboutYou?: [{kind: single, text, options}], resultsThreshold?}`: who is asking, ' +
  'what will happen with the answers, when it takes responses, 1–30 questions (a choice has 2–12 options; a scale ' +
  'is 1–5) and up to 5 "about you" questions every respondent may skip. `resultsThreshold` (k, 5 unless given, ' +
  'never below 5): no figure is shown below it. `public?` (true or false): whether it shows on the public "you ' +
  'said, we did" page once closed; left out, true only for `audience: public`.';

/** Changing a consultation (ADR 0075): a draft's fields, or `public` alone at any status. */
export const CONSULTATION_CHANGE =
  'Fields left out stay as they are; `questions` and `aboutYou` are given whole. Only a draft changes: opening ' +
  'freezes the questions. The one exception: `{public: true | false}` sent alone changes, at any status (also ' +
  'once closed), whether it shows on the public "you said, we did" page. Answers the consultation.';

export const CONSULTATION_SHAPE =
  '`{id, owner: lero | region, title, purpose, askedBy, useOfAnswers, opensAt, closesAt, audience, public, status: ' +
  'draft | open | closed, resultsThreshold, questions: [{key, kind, text, options}], aboutYou: [...], createdAt}` ' +
  '(a question’s `key`, `q1`… or `a1`…, is what an answer names)';

export const RESULTS_SHAPE =
  '`{consultationId, status, resultsThreshold, shown, responses, questions: [{key, kind, text, options, counts, ' +
  'texts?}], crossTab?: {by, rows, shown, questions: [{key, cells}]}}`. The figures change only when k more ' +
  'responses that count have come in, and at the close; responses from accounts or member records made after the ' +
  'opening never count. Below k, `shown: false` and no figure at all ("not enough responses yet"). `?by=a1` ' +
  'cross-tabulates by an "about you" question, shown only when every cell (zeros and "not said" included) holds ' +
  'at least k.';

/** Publishing a free-text question's reviewed answers (ADR 0067). */
export const PUBLISHED_TEXTS =
  '`{texts: [..]}`: the answers to free-text question `{question}` as a staff member published them after ' +
  'reading and editing them (identifying details taken out): the whole list, replacing the last (`[]` ' +
  'withdraws them). Only once the results are shown (k responses). Everyone who reads the results then sees ' +
  'them as `published`; the raw answers stay with the staff. Answers `{consultationId, question, texts}`.';
