import { NormalisedText } from '../input-policy';
import { IsEmail, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { REGION_ROLES, type RegionRole } from '../envelope';

/** Lower-case words joined by single hyphens, and never shaped like a UUID (the web app's /leros/{id} vs /leros/{slug}). */
export const SLUG_PATTERN =
  /^(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE =
  'must be lower-case letters, digits and single hyphens (e.g. "north-east"), and not shaped like an id';

export class CreateRegionDto {
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  slug!: string;
}

export class RegionInvitationDto {
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email!: string;

  @IsIn(REGION_ROLES, { message: `must be one of ${REGION_ROLES.join(', ')}` })
  role!: RegionRole;
}

/** Message payload: the HTTP body plus the region addressed by the path. */
export class InviteToRegionRequest extends RegionInvitationDto {
  @IsUUID('all')
  regionId!: string;
}

/** A region by its slug, asked without signing in (the directory's public feed). */
export class RegionBySlugRequest {
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @NormalisedText()
  slug!: string;
}

/** What anyone may know of a region: its id, name and slug. */
export interface PublicRegionView {
  id: string;
  name: string;
  slug: string;
}

export interface RegionView {
  id: string;
  name: string;
  slug: string;
  createdAt: string;
}

export { SLUG_MESSAGE };
