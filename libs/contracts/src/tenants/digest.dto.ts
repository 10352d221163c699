import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

/** `PATCH /api/v1/me/digest`: the weekly digest on or off (ADR 0083). */
export class DigestSettingDto {
  @IsBoolean({ message: 'must be true or false' })
  enabled!: boolean;
}

/** The unsubscribe link's token, from a digest email. */
export class DigestUnsubscribeDto {
  @IsString({ message: 'must be the token from the email’s link' })
  @MinLength(20, { message: 'must be the token from the email’s link' })
  @MaxLength(200, { message: 'must be the token from the email’s link' })
  token!: string;
}

/** Whether the account gets the weekly digest, and whether it holds a role that has one (coordinator, curator). */
export interface DigestSettingView {
  enabled: boolean;
  eligible: boolean;
}
