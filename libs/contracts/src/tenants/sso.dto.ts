import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { NormalisedText } from '../input-policy';
import type { LoginResult } from './two-factor.dto';

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A region's or a LERO's OpenID provider (ADR 80), as its admins give it. */
export class IdentityProviderSettingsDto {
  @IsString()
  @NormalisedText()
  @MinLength(1)
  @MaxLength(80)
  displayName!: string;

  /** The issuer identifier; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  @IsString()
  @Matches(/^https?:\/\/[^\s/?#]+[^\s?#]*$/, {
    message: 'must be an https address without query or fragment',
  })
  @MaxLength(500)
  issuer!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientSecret!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(DOMAIN, { each: true, message: 'each must be a lower-case domain name' })
  allowedDomains!: string[];
}

/** The region or the LERO whose providers are meant (exactly one). */
export class IdentityProviderScope {
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  regionId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  tenantId?: string;
}

/** …and whose it is: exactly one of regionId and tenantId. */
export class CreateIdentityProviderDto extends IdentityProviderSettingsDto {
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  regionId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  tenantId?: string;
}

export class IdentityProviderIdRequest {
  @IsUUID('all', { message: 'must be a UUID' })
  providerId!: string;
}

/** One provider of a region or a LERO: answers as missing when it belongs to neither. */
export class ScopedIdentityProviderRequest extends IdentityProviderScope {
  @IsUUID('all', { message: 'must be a UUID' })
  providerId!: string;
}

/** The providers that may sign in an email address (its domain), for the sign-in page. */
export class SsoProvidersForEmailDto {
  @IsString()
  @NormalisedText()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  @MaxLength(254)
  email!: string;
}

/** The providers through which a pending invitation can be accepted, for the invitation page. */
export class SsoProvidersForInvitationDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  invitationToken!: string;
}

export interface SsoProviderChoice {
  id: string;
  displayName: string;
}

export interface IdentityProviderView {
  id: string;
  regionId?: string;
  tenantId?: string;
  displayName: string;
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  /** Null until a platform admin has verified the domains: until then nobody signs in with it. */
  domainsVerifiedAt: string | null;
}

/** The address to send the browser to, to sign in at the provider. */
export interface SsoStartView {
  authorizationUrl: string;
  /**
   * A secret (256 random bits) binding the flow to whoever started it: kept by them and sent back with the
   * callback. Hearth stores only its hash.
   */
  binding: string;
}

/** What the provider sent back to the redirect address. */
export class SsoCallbackDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  state!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  code!: string;

  /** The secret `start` gave whoever began this sign-in: only they can finish it. */
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  binding!: string;

  /** RFC 9207 issuer identification, when the provider sends it. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  iss?: string;

  /**
   * A pending invitation to accept with this sign-in, for someone with no Hearth account yet: the provider's
   * verified email must be the invited one.
   */
  @IsOptional()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  invitationToken?: string;
}

/** The provider vouched for the email of an account not yet linked to it: its password links them, once. */
export interface SsoLinkRequired {
  linkRequired: true;
  linkToken: string;
  email: string;
  providerName: string;
  /** Seconds the link token works. */
  expiresIn: number;
}

export type SsoCallbackResult = LoginResult | SsoLinkRequired;

export const isSsoLinkRequired = (result: SsoCallbackResult): result is SsoLinkRequired =>
  'linkRequired' in result;

export class SsoLinkDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  linkToken!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}
