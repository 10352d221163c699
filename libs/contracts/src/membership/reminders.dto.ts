import { IsString, Matches } from 'class-validator';

/** The token of a reminder's "stop these reminders" link (ADR 0081): 32 random bytes in base64url. */
export class UnsubscribeRemindersDto {
  @IsString({ message: 'must be the token from the link in a reminder' })
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be the token from the link in a reminder' })
  token!: string;
}
