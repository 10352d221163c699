/** What the testimony routes say alike in the API document (ADR 0066). */
export const THEME_SHAPE =
  '`{id, owner: lero | region, title, prompt, publishThreshold, status: draft | open | closed, published, contributors?, createdAt}` ' +
  '(`contributors`, for staff only: distinct contributors who count, with an approved piece)';

export const PIECE_SHAPE =
  '`{id, themeId, status: submitted | edit-proposed | approved | declined | withdrawn, text, proposedText}`';

export const MY_PIECE_SHAPE = `${PIECE_SHAPE.slice(0, -2)}, themeTitle, consentedAt}\``;

export const TESTIMONY_STAFF = 'The LERO’s tenant-admins and coordinators.';
export const TESTIMONY_NOT_STAFF =
  '403 for its volunteers and members; 404 for region and platform staff and other LEROs’ people.';
export const CONTRIBUTOR = 'The LERO’s members whose account is linked to a member record.';
export const NOT_CONTRIBUTOR =
  '403 for the LERO’s staff, volunteers and members without a member record; 404 for region and platform staff ' +
  'and other LEROs’ people';
