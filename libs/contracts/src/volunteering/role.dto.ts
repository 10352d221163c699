import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';

/** `public`: anyone may see it (the LERO's public page, later); `members`: the LERO's own people only. */
export const ROLE_VISIBILITIES = ['public', 'members'] as const;
export type RoleVisibility = (typeof ROLE_VISIBILITIES)[number];

/** An open role takes volunteers; a closed one is kept, out of sight of volunteers and members. */
export const ROLE_STATUSES = ['open', 'closed'] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];

export const MAX_ROLE_SKILLS = 20;
export const MAX_ROLE_REQUIREMENTS = 20;

const VISIBILITY_MESSAGE = `must be one of ${ROLE_VISIBILITIES.join(', ')}`;
const STATUS_MESSAGE = `must be one of ${ROLE_STATUSES.join(', ')}`;
const NotNullIfPresent = () => ValidateIf((_o, value) => value !== undefined);

/** Several property decorators as one. */
const all =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** Short skills, each once. */
const SkillList = () =>
  all(
    IsArray({ message: 'must be a list of skills' }),
    ArrayMaxSize(MAX_ROLE_SKILLS),
    ArrayUnique({ message: 'must not name a skill twice' }),
    IsString({ each: true }),
    MinLength(1, { each: true }),
    MaxLength(80, { each: true }),
  );

/** Ids of the LERO's catalogue, each once (that they are the LERO's is the service's check). */
const RequirementList = () =>
  all(
    IsArray({ message: 'must be a list of training or check ids' }),
    ArrayMaxSize(MAX_ROLE_REQUIREMENTS),
    ArrayUnique({ message: 'must not name a requirement twice' }),
    IsUUID('all', { each: true, message: 'must be a list of training or check ids' }),
  );

/** The parts of a role a coordinator writes; `requirementIds` are ids of the LERO's own training catalogue. */
class RoleFieldsDto {
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  whatYoullDo?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  where?: string | null;
}

export class CreateRoleDto extends RoleFieldsDto {
  @IsString()
  @MinLength(1)
  @MaxLength(160)
  title!: string;

  @IsOptional()
  @SkillList()
  skills?: string[];

  @IsOptional()
  @RequirementList()
  requirementIds?: string[];

  @IsIn(ROLE_VISIBILITIES, { message: VISIBILITY_MESSAGE })
  visibility!: RoleVisibility;

  /** Open unless given. */
  @IsOptional()
  @IsIn(ROLE_STATUSES, { message: STATUS_MESSAGE })
  status?: RoleStatus;
}

/** Fields left out stay as they are; `null` clears `description`, `whatYoullDo` and `where`. */
export class UpdateRoleDto extends RoleFieldsDto {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(160)
  title?: string;

  @NotNullIfPresent()
  @SkillList()
  skills?: string[];

  @NotNullIfPresent()
  @RequirementList()
  requirementIds?: string[];

  @NotNullIfPresent()
  @IsIn(ROLE_VISIBILITIES, { message: VISIBILITY_MESSAGE })
  visibility?: RoleVisibility;

  @NotNullIfPresent()
  @IsIn(ROLE_STATUSES, { message: STATUS_MESSAGE })
  status?: RoleStatus;
}

export class ListRolesQuery extends PageQuery {
  @IsOptional()
  @IsIn(ROLE_STATUSES, { message: STATUS_MESSAGE })
  status?: RoleStatus;
}

export class CreateRoleRequest extends TenantRequestOf(CreateRoleDto) {}

export class ListRolesRequest extends TenantRequestOf(ListRolesQuery) {}

export class RoleIdRequest extends TenantRequest {
  @IsUUID('all')
  roleId!: string;
}

export class UpdateRoleRequest extends TenantRequestOf(UpdateRoleDto) {
  @IsUUID('all')
  roleId!: string;
}

/** A requirement as a role shows it: the catalogue item's id, name and kind. */
export interface RoleRequirementView {
  id: string;
  name: string;
  kind: 'training' | 'check';
}

export interface RoleView {
  id: string;
  title: string;
  description: string | null;
  whatYoullDo: string | null;
  skills: string[];
  requirements: RoleRequirementView[];
  where: string | null;
  visibility: RoleVisibility;
  status: RoleStatus;
  createdAt: string;
  updatedAt: string;
}
