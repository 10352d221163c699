import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** One page of a list, newest or first in the list's order; `nextCursor` asks for the next (null: the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The paging part of a list's query: at most `limit` items (1–100), after `cursor` (a previous nextCursor). */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** A message about one LERO: the HTTP body or query plus the LERO the path addresses. */
export class TenantRequest {
  @IsUUID('all')
  tenantId!: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** A body or query class with the LERO the path addresses added (`class X extends TenantRequestOf(XDto) {}`). */
export function TenantRequestOf<B extends Constructor>(Base: B) {
  class WithTenant extends Base {
    @IsUUID('all')
    tenantId!: string;
  }
  return WithTenant;
}
