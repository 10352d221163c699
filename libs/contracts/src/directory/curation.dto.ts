import { IsEmail, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { NormalisedText } from '../input-policy';
import { PageQuery } from '../paging';

/**
 * The region's directory settings, set by its admins: the curator team's address, which assuring a listing
 * writes as HSDS `assurer_email` (a team's address, never a person's). `null` falls back to the deployment's
 * default (`DIRECTORY_CONTACT_EMAIL`).
 */
export class DirectorySettingsDto {
  @ValidateIf((_o, value) => value !== null)
  @IsEmail({}, { message: 'must be an email address, or null' })
  @NormalisedText()
  @MaxLength(254)
  contactEmail!: string | null;
}

export class DirectorySettingsRequest extends DirectorySettingsDto {
  @IsUUID('all')
  regionId!: string;
}

/** What the region's curators see of its settings: its own address, the one assuring writes, the review period. */
export interface DirectorySettingsView {
  regionId: string;
  /** The region's own address (null: not set). */
  contactEmail: string | null;
  /** What assuring a listing writes now: the region's address, else the deployment's default, else null. */
  assurerEmail: string | null;
  /** A listing not assured for this many months needs review. */
  reviewMonths: number;
}

/** `GET …/directory/needs-review`: active listings not assured for the review period, never-assured first. */
export class NeedsReviewQuery extends PageQuery {}

export class NeedsReviewRequest extends NeedsReviewQuery {
  @IsUUID('all')
  regionId!: string;
}
