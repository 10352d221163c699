/** What the seat and meeting routes say alike in the API document (ADR 0069). */
export const REPRESENTATION_STAFF = 'The LERO’s tenant-admins and coordinators.';
export const REPRESENTATION_NOT_STAFF =
  '403 for its volunteers and members; 404 for region and platform staff and other LEROs’ people.';
