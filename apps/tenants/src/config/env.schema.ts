import { IsEmail, IsOptional, IsString, IsUrl, MinLength } from 'class-validator';
import { ServiceEnv } from '@hearth/platform';

/** The tenants service's variables, validated at boot. */
export class TenantsEnv extends ServiceEnv {
  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  JWT_PRIVATE_KEY_FILE?: string;

  @IsOptional()
  @IsEmail()
  HEARTH_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  HEARTH_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_FROM?: string;

  @IsOptional()
  @IsUrl({ require_tld: false })
  PUBLIC_URL?: string;

  override HEALTH_PORT = 3101;
}
