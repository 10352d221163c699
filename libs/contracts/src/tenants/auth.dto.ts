import { NormalisedText } from '../input-policy';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { TwoFactorStatusView } from './two-factor.dto';

export class LoginDto {
  @IsEmail({}, { message: 'must be an email address' })
  @NormalisedText()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken!: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
  /**
   * Set when the account holds an admin role but has not set up two-factor sign-in: the tokens carry none of
   * its admin grants until it has (ADR 15).
   */
  mfaSetupRequired?: true;
  /** Set when a recovery code was used to sign in: how many are left. */
  recoveryCodesLeft?: number;
}

export interface MeView {
  id: string;
  email: string;
  displayName: string;
  grants: { role: string; regionId?: string; tenantId?: string; memberId?: string }[];
  twoFactor: TwoFactorStatusView;
}

/** The sign-in an access token belongs to, while it lasts (ended ones answer UNAUTHENTICATED). */
export interface SignInSessionView {
  sessionId: string;
  /** When the sign-in ends however often it is refreshed. */
  endsAt: string;
}
