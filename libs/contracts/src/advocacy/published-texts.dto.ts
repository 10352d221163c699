import { ArrayMaxSize, IsArray, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { TenantRequestOf } from '../paging';

/**
 * The free-text answers of one question as a staff member publishes them, after reading and editing them (ADR 0067):
 * the whole list, which replaces the one published before (`[]` withdraws them all).
 */
export class PublishTextsDto {
  @IsArray({ message: 'must be a list of texts' })
  @ArrayMaxSize(500)
  @IsString({ each: true, message: 'must be a list of texts' })
  @MinLength(1, { each: true, message: 'must not hold an empty text' })
  @MaxLength(1000, { each: true })
  texts!: string[];
}

const QUESTION_KEY = /^q\d{1,2}$/;
const QUESTION_MESSAGE = { message: 'must be a question key (q1…)' };

export class PublishTextsRequest extends TenantRequestOf(PublishTextsDto) {
  @IsUUID('all')
  consultationId!: string;

  @Matches(QUESTION_KEY, QUESTION_MESSAGE)
  question!: string;
}

export class PublishRegionTextsRequest extends PublishTextsDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  consultationId!: string;

  @Matches(QUESTION_KEY, QUESTION_MESSAGE)
  question!: string;
}

/** What is published of a question's free text now. */
export interface PublishedTextsView {
  consultationId: string;
  question: string;
  texts: string[];
}
