import { IsIn, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NormalisedText } from '../input-policy';
import { SLUG_MESSAGE, SLUG_PATTERN } from '../tenants/region.dto';

/** The two RPDE feeds of a region's OpenActive data (ADR 0078), as the path names them. */
export const OPENACTIVE_FEEDS = ['session-series', 'scheduled-sessions'] as const;
export type OpenActiveFeed = (typeof OPENACTIVE_FEEDS)[number];

/** RPDE `kind` of each feed's items. */
export const OPENACTIVE_KINDS = {
  'session-series': 'SessionSeries',
  'scheduled-sessions': 'ScheduledSession',
} as const;
export type OpenActiveKind = (typeof OPENACTIVE_KINDS)[OpenActiveFeed];

/** A region's short name, as a public path has it. */
const RegionSlug = (): PropertyDecorator => (target, key) => {
  for (const decorate of [
    IsString(),
    MinLength(2),
    MaxLength(60),
    Matches(SLUG_PATTERN, { message: SLUG_MESSAGE }),
    NormalisedText(),
  ])
    decorate(target, key);
};

/** Given together or not at all (RPDE's "modified timestamp and ID" ordering). */
const IfEitherGiven = () =>
  ValidateIf((o: OpenActiveFeedQuery) => o.afterTimestamp !== undefined || o.afterId !== undefined);

/** RPDE paging: the `modified` and `id` of the last item seen; neither for the first page. */
export class OpenActiveFeedQuery {
  @IfEitherGiven()
  @Matches(/^\d{1,18}$/, {
    message: 'must be an integer (the `modified` of the last item seen), given with afterId',
  })
  afterTimestamp?: string;

  @IfEitherGiven()
  @IsUUID('all', { message: 'must be given with afterTimestamp, as a UUID (the `id` of the last item seen)' })
  afterId?: string;
}

export class OpenActiveRegionRequest {
  @RegionSlug() regionSlug!: string;
}

export class OpenActiveFeedRequest extends OpenActiveFeedQuery {
  @RegionSlug() regionSlug!: string;

  @IsIn(OPENACTIVE_FEEDS)
  feed!: OpenActiveFeed;

  /** The origin the client reached the gateway at (`https://hearth.example`): the items' `@id`s are under it. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(300)
  base!: string;
}

/** One RPDE item: `data` (OpenActive JSON-LD) only while `state` is `updated`. */
export interface OpenActiveItem {
  state: 'updated' | 'deleted';
  kind: OpenActiveKind;
  id: string;
  modified: number;
  data?: Record<string, unknown>;
}

/** A page of one feed, oldest change first; `full` when there may be more after it. */
export interface OpenActiveFeedPage {
  items: OpenActiveItem[];
  full: boolean;
}
