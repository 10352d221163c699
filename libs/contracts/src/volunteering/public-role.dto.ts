import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { TenantBySlugRequest } from '../tenants/tenant.dto';
import type { TrainingKind } from './training.dto';

/**
 * What anyone may read of a public role (ADR 0058), in `RoleChangedEvent.listing`: only for a role whose
 * visibility is `public` (null for a members-only one, so nothing of it leaves the service). The requirements are
 * named as the catalogue names them when the event is written; a renamed catalogue item re-announces its roles.
 */
export class PublicRoleFacts {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description!: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  whatYoullDo!: string | null;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  skills!: string[];

  @IsOptional()
  @IsString()
  @MaxLength(300)
  where!: string | null;

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  requirements!: string[];
}

/** `volunteering.public.roles`: a LERO's open public roles, by its slug, asked without signing in. */
export class PublicRolesRequest extends TenantBySlugRequest {}

/** A role as anyone sees it on the LERO's public page: never who volunteers. */
export interface PublicRoleView {
  id: string;
  title: string;
  description: string | null;
  whatYoullDo: string | null;
  skills: string[];
  where: string | null;
  requirements: { name: string; kind: TrainingKind }[];
}

export interface PublicRolesView {
  lero: { name: string; slug: string };
  items: PublicRoleView[];
}
