import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

/** At most this many terms one term is mapped to. */
export const MAX_TERM_MAPPINGS = 50;

/**
 * What a term of the region's directory (one of Hearth's, or the region's own) stands for in the region's own
 * taxonomies, typically an LGA esd list it loaded: the ids of those terms. It replaces the term's mappings
 * (`[]` takes them all away).
 */
export class TermMappingsDto {
  @IsArray()
  @ArrayMaxSize(MAX_TERM_MAPPINGS)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'must be taxonomy term ids' })
  termIds!: string[];
}

/** Message payloads: the region and the term the path addresses (and the body). */
export class TermMappingsRequest {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  termId!: string;
}
export class SetTermMappingsRequest extends TermMappingsDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  termId!: string;
}

/** A taxonomy term as the mapping routes show it. */
export interface TermSummaryView {
  id: string;
  name: string;
  /** Its code in the taxonomy it is from, e.g. the CURIE `esdServiceType:651`. */
  code: string | null;
  termUri: string | null;
  taxonomyId: string;
  taxonomy: string;
  /** Hearth's own (every region's), or this region's. */
  shared: boolean;
}

/** A term and the terms of the region's own taxonomies it is mapped to, by name. */
export interface TermMappingsView {
  term: TermSummaryView;
  mappings: TermSummaryView[];
}
