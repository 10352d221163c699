/**
 * The advocacy service's events: each subject of `AdvocacyEvents` and the class its payload is (a class with
 * class-validator decorators, checked by every consumer). Never a name, an email or a phone number.
 */
export const ADVOCACY_EVENT_PAYLOADS = {} as const;
