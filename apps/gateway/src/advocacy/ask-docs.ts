/** What the ask routes of a LERO and of a region say alike in the API document (ADR 0065). */
export const ASK_FIELDS =
  '`{what, body: {name, kind: council | nhs-trust | treatment-provider | housing-association | police | other}, ' +
  'source: {kind: consultation | meeting | members, consultationId?}, raisedOn: YYYY-MM-DD, public?, text?}`: what ' +
  'was asked on the community’s behalf, of whom, where it came from, when (not in the future), and whether it is on ' +
  'the public “you said, we did” page (`false` unless given). The timeline starts with a “raised” entry on ' +
  '`raisedOn` (with `text` if given). Publishes `evt.advocacy.ask.raised`.';

export const ASK_SHAPE =
  '`{id, owner: lero | region, what, body: {name, kind}, source: {kind, consultationId}, raisedOn, public, status, ' +
  'updates: [{status, date, text, reason}], createdAt, updatedAt}` (`status` is the latest update’s; `updates` ' +
  'oldest first, the first the raising)';

export const ASK_CHANGES =
  'Fields left out stay as they are (`what`, `body`, `source`, `raisedOn`, `public`); the status changes only by an ' +
  'update. `raisedOn` moves the “raised” entry with it and may not pass the next update’s date. Answers the ask.';

export const ASK_UPDATE =
  '`{status: acknowledged | in-progress | done | partly-done | declined, date: YYYY-MM-DD, text, reason?}`: the ask ' +
  'moves forward (raised → acknowledged → in-progress → done, partly-done or declined; steps may be skipped; ' +
  'acknowledged and in-progress may take news at the same status; partly-done may still become done; done and ' +
  'declined are final). `text` (≤ 500) is public if the ask is; `reason` is the body’s, needed with `declined` and ' +
  'only then. The date is on or after the last update’s and not in the future. Publishes ' +
  '`evt.advocacy.ask.updated`. Answers the ask.';
