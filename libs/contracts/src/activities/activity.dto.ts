import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmptyObject,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ScheduleDto } from './schedule.dto';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';

/** The fixed list reporting counts by; a new one is a contract change. */
export const ACTIVITY_CATEGORIES = [
  'peer-support',
  'mutual-aid',
  'walking',
  'sport-fitness',
  'arts-crafts',
  'music',
  'book-club',
  'learning-skills',
  'sober-social',
  'community-action',
  'volunteering',
  'family',
  'wellbeing',
  'other',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** Each category as people say it: the API's downloads (spreadsheets, PDF) name them so. */
export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  'peer-support': 'Peer support group',
  'mutual-aid': 'Mutual aid meeting',
  walking: 'Walking',
  'sport-fitness': 'Sport and fitness',
  'arts-crafts': 'Arts and crafts',
  music: 'Music',
  'book-club': 'Book club',
  'learning-skills': 'Learning and skills',
  'sober-social': 'Sober social',
  'community-action': 'Community action',
  volunteering: 'Volunteering',
  family: 'Family',
  wellbeing: 'Wellbeing',
  other: 'Something else',
};

export const ACTIVITY_VISIBILITIES = ['public', 'members'] as const;
export type ActivityVisibility = (typeof ACTIVITY_VISIBILITIES)[number];

export const MAX_CAPACITY = 10_000;

/**
 * Where an activity is in its life: `active` (its sessions are laid out), `paused` (none still to come until it is
 * resumed), `ended` (none still to come, ever; the sessions it held stay).
 */
export const ACTIVITY_STATUSES = ['active', 'paused', 'ended'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** What can happen to an activity's life: pausing and resuming it, and ending it for good. */
export const ACTIVITY_TRANSITIONS = ['pause', 'resume', 'end'] as const;
export type ActivityTransition = (typeof ACTIVITY_TRANSITIONS)[number];

const CATEGORY_MESSAGE = `must be one of ${ACTIVITY_CATEGORIES.join(', ')}`;
const VISIBILITY_MESSAGE = `must be one of ${ACTIVITY_VISIBILITIES.join(', ')}`;
/** A PATCH field that may be left out but not set to null (null clears only the nullable fields). */
const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);

export class LocationDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number' })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude?: number;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { message: 'must be an http(s) URL' })
  @MaxLength(500)
  onlineUrl?: string;
}

export class CreateActivityDto {
  @IsString()
  @MinLength(1)
  @MaxLength(160)
  title!: string;

  @IsIn(ACTIVITY_CATEGORIES, { message: CATEGORY_MESSAGE })
  category!: ActivityCategory;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @IsOptional()
  @IsNotEmptyObject({ nullable: false }, { message: 'must be an object' })
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @IsIn(ACTIVITY_VISIBILITIES, { message: VISIBILITY_MESSAGE })
  visibility!: ActivityVisibility;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity?: number;

  @IsNotEmptyObject({ nullable: false }, { message: 'must be an object' })
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule!: ScheduleDto;

  /**
   * In the region's directory while the LERO publishes there (ADR 0042): a public activity is, unless this is
   * false (a mutual-aid meeting that does not want to be syndicated). Default true; `null` is a 400.
   */
  @NotNullIfPresent()
  @IsBoolean({ message: 'must be true or false' })
  publishToDirectory?: boolean;

  /** The address is given on request: the directory shows the area only (ADR 0042). Default false. */
  @NotNullIfPresent()
  @IsBoolean({ message: 'must be true or false' })
  locationOnRequest?: boolean;
}

/** Fields left out stay as they are; `description`, `location` and `capacity` can be cleared with null. */
export class UpdateActivityDto {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(160)
  title?: string;

  @NotNullIfPresent()
  @IsIn(ACTIVITY_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: ActivityCategory;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @IsOptional()
  @IsNotEmptyObject({ nullable: false }, { message: 'must be an object' })
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto | null;

  @NotNullIfPresent()
  @IsIn(ACTIVITY_VISIBILITIES, { message: VISIBILITY_MESSAGE })
  visibility?: ActivityVisibility;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity?: number | null;

  @NotNullIfPresent()
  @IsNotEmptyObject({ nullable: false }, { message: 'must be an object' })
  @ValidateNested()
  @Type(() => ScheduleDto)
  schedule?: ScheduleDto;

  @NotNullIfPresent()
  @IsBoolean({ message: 'must be true or false' })
  publishToDirectory?: boolean;

  @NotNullIfPresent()
  @IsBoolean({ message: 'must be true or false' })
  locationOnRequest?: boolean;
}

export class ListActivitiesQuery extends PageQuery {
  @IsOptional()
  @IsIn(ACTIVITY_CATEGORIES, { message: CATEGORY_MESSAGE })
  category?: ActivityCategory;
}

/** Message payloads: the HTTP body or query plus the LERO (and ids) addressed by the path. */
export class TenantScopedRequest extends TenantRequest {}

export class CreateActivityRequest extends TenantRequestOf(CreateActivityDto) {}

export class ListActivitiesRequest extends TenantRequestOf(ListActivitiesQuery) {}

export class ActivityIdRequest extends TenantRequest {
  @IsUUID('all')
  activityId!: string;
}

export class UpdateActivityRequest extends TenantRequestOf(UpdateActivityDto) {
  @IsUUID('all')
  activityId!: string;
}

export class TransitionActivityRequest extends ActivityIdRequest {
  @IsIn(ACTIVITY_TRANSITIONS, { message: `must be one of ${ACTIVITY_TRANSITIONS.join(', ')}` })
  transition!: ActivityTransition;
}

export interface LocationView {
  name: string;
  address: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
}

export interface ScheduleView {
  startsAt: string;
  durationMinutes: number;
  timezone: string;
  rrule: string | null;
}

export interface ActivityView {
  id: string;
  title: string;
  category: ActivityCategory;
  description: string | null;
  location: LocationView | null;
  visibility: ActivityVisibility;
  capacity: number | null;
  schedule: ScheduleView;
  status: ActivityStatus;
  /** In the region's directory while the LERO publishes there and the activity is public (ADR 0042). */
  publishToDirectory: boolean;
  /** Public listings (the directory, the public programme) show the area only, not the address. */
  locationOnRequest: boolean;
  /** When it was paused (while `paused`) or ended (once `ended`); null while active. */
  statusChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
}
