import { NormalisedText } from '../input-policy';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../tenants/region.dto';
import type { ActivityCategory, LocationView } from './activity.dto';
import type { SessionStatus } from './session.dto';
import { SessionWindowQuery } from './session.dto';

export class PublicSessionsQuery extends SessionWindowQuery {}

export class PublicSessionsRequest extends SessionWindowQuery {
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  slug!: string;
}

export class PublicCalendarRequest {
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  slug!: string;
}

/** What anyone may see of a public session: never who is going or who came. */
export interface PublicSessionView {
  id: string;
  activityId: string;
  title: string;
  category: ActivityCategory;
  description: string | null;
  location: LocationView | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: SessionStatus;
  capacity: number | null;
  /** Null when there is no limit. */
  placesLeft: number | null;
}

export interface PublicSessionsView {
  lero: { name: string; slug: string };
  items: PublicSessionView[];
}

export interface PublicCalendarView {
  /** The RFC 5545 feed. */
  ics: string;
}
