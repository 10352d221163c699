/**
 * The parts of Open Referral UK 3.0 (HSDS) answers the web app reads. Optional fields are absent, never null,
 * in Hearth's feed; a feed may also carry fields the web app does not show.
 */
export interface HsdsTerm {
  id: string;
  name: string;
  description?: string;
  taxonomy_id?: string;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description?: string;
  email?: string;
  website?: string;
}

export interface HsdsSchedule {
  freq?: string;
  interval?: number;
  byday?: string;
  bymonthday?: string;
  opens_at?: string;
  closes_at?: string;
  valid_from?: string;
  valid_to?: string;
  description?: string;
}

export interface HsdsAddress {
  address_1?: string;
  address_2?: string;
  city?: string;
  state_province?: string;
  postal_code?: string;
}

export interface HsdsLocation {
  id?: string;
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  addresses?: HsdsAddress[];
  accessibility?: { description?: string; details?: string; url?: string }[];
}

export interface HsdsService {
  id: string;
  name: string;
  description?: string;
  url?: string;
  email?: string;
  status?: string;
  fees?: string;
  minimum_age?: number;
  maximum_age?: number;
  eligibility_description?: string;
  alert?: string;
  assured_date?: string;
  last_modified?: string;
  organization?: HsdsOrganization;
  schedules?: HsdsSchedule[];
  service_at_locations?: { id?: string; location?: HsdsLocation }[];
  languages?: { name?: string; code?: string }[];
  cost_options?: { option?: string; amount?: number; currency?: string; amount_description?: string }[];
  contacts?: {
    name?: string;
    title?: string;
    email?: string;
    phones?: { number?: string; extension?: string; description?: string }[];
  }[];
  attributes?: { taxonomy_term_id?: string; taxonomy_term?: { id?: string; name?: string } }[];
}
