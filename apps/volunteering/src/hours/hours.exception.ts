import { invalidField } from '../roles/roles.exception';

/** Hours are logged once given: a day to come is a mistake. */
export const dateInFuture = () => invalidField('date', 'must not be in the future');

/** A role that is not this LERO's (or, for a volunteer, not an open one): missing and another LERO's look the same. */
export const unknownRole = () => invalidField('roleId', 'is not a volunteering role of this LERO');
