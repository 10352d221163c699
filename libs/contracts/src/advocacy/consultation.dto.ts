import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery, TenantRequest, TenantRequestOf } from '../paging';
import { IsDateTime, NotNullIfPresent } from './advocacy-input';

/** `members`: the LERO's members; `region`: every LERO's members in the region; `public`: a public link (later). */
export const CONSULTATION_AUDIENCES = ['members', 'region', 'public'] as const;
export type ConsultationAudience = (typeof CONSULTATION_AUDIENCES)[number];

/** Draft (questions can change) → open (questions frozen, responses taken) → closed (final results). */
export const CONSULTATION_STATUSES = ['draft', 'open', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** Single choice, multiple choice, a 1–5 scale, short free text. */
export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The small-number rule: results (and each cross-tabulation cell) need at least this many responses. */
export const MIN_RESULTS_THRESHOLD = 5;
export const MAX_QUESTIONS = 30;
export const MAX_ABOUT_YOU = 5;
export const MAX_OPTIONS = 12;

/** One question: its text, its kind and, for a choice, its options (2–12, each once). */
export class QuestionDto {
  @IsIn(QUESTION_KINDS, { message: `must be one of ${QUESTION_KINDS.join(', ')}` })
  kind!: QuestionKind;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text!: string;

  @ValidateIf((o: QuestionDto) => o.kind === 'single' || o.kind === 'multiple' || o.options !== undefined)
  @IsArray({ message: 'must be a list of 2 to 12 options for a choice question' })
  @ArrayMinSize(2, { message: 'must be a list of 2 to 12 options for a choice question' })
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique({ message: 'must not name an option twice' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  options?: string[];
}

/** An "about you" question: a choice only (cross-tabulations group by it), and always skippable. */
export class AboutYouQuestionDto {
  @IsIn(['single'], { message: 'must be single (an "about you" question is a single choice)' })
  kind!: 'single';

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text!: string;

  @IsArray({ message: 'must be a list of 2 to 12 options' })
  @ArrayMinSize(2, { message: 'must be a list of 2 to 12 options' })
  @ArrayMaxSize(MAX_OPTIONS)
  @ArrayUnique({ message: 'must not name an option twice' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  options!: string[];
}

class ConsultationFieldsDto {
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(MIN_RESULTS_THRESHOLD, { message: `must be at least ${MIN_RESULTS_THRESHOLD}` })
  @Max(1000)
  resultsThreshold?: number;

  /**
   * Whether it shows on the owner's public "you said, we did" page once closed (ADR 0075). Left out on create: true
   * for a public-link consultation, false otherwise; on a change it stays. The only field a change may send once
   * the consultation is open or closed.
   */
  @NotNullIfPresent()
  @IsBoolean({ message: 'must be true or false' })
  public?: boolean;
}

export class CreateConsultationDto extends ConsultationFieldsDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  purpose!: string;

  /** Who is asking (the LERO, a council, a treatment service…). */
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  askedBy!: string;

  /** What will happen with the answers. */
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  useOfAnswers!: string;

  @IsDateTime()
  opensAt!: string;

  @IsDateTime()
  closesAt!: string;

  @IsIn(CONSULTATION_AUDIENCES, { message: `must be one of ${CONSULTATION_AUDIENCES.join(', ')}` })
  audience!: ConsultationAudience;

  @IsArray({ message: 'must be a list of questions' })
  @ArrayMinSize(1, { message: 'must hold at least one question' })
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions!: QuestionDto[];

  @IsOptional()
  @IsArray({ message: 'must be a list of questions' })
  @ArrayMaxSize(MAX_ABOUT_YOU)
  @ValidateNested({ each: true })
  @Type(() => AboutYouQuestionDto)
  aboutYou?: AboutYouQuestionDto[];
}

/**
 * A draft's changes: fields left out stay; questions are given whole. Once the consultation is open or closed only
 * `public` may be sent (alone); anything else is refused.
 */
export class UpdateConsultationDto extends ConsultationFieldsDto {
  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  purpose?: string;

  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  askedBy?: string;

  @NotNullIfPresent()
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  useOfAnswers?: string;

  @NotNullIfPresent()
  @IsDateTime()
  opensAt?: string;

  @NotNullIfPresent()
  @IsDateTime()
  closesAt?: string;

  @NotNullIfPresent()
  @IsIn(CONSULTATION_AUDIENCES, { message: `must be one of ${CONSULTATION_AUDIENCES.join(', ')}` })
  audience?: ConsultationAudience;

  @NotNullIfPresent()
  @IsArray({ message: 'must be a list of questions' })
  @ArrayMinSize(1, { message: 'must hold at least one question' })
  @ArrayMaxSize(MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuestionDto)
  questions?: QuestionDto[];

  @NotNullIfPresent()
  @IsArray({ message: 'must be a list of questions' })
  @ArrayMaxSize(MAX_ABOUT_YOU)
  @ValidateNested({ each: true })
  @Type(() => AboutYouQuestionDto)
  aboutYou?: AboutYouQuestionDto[];
}

export class ListConsultationsQuery extends PageQuery {
  @IsOptional()
  @IsIn(CONSULTATION_STATUSES, { message: `must be one of ${CONSULTATION_STATUSES.join(', ')}` })
  status?: ConsultationStatus;
}

/** Cross-tabulate the results by one "about you" question (its key, `a1`…). */
export class ResultsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(10)
  by?: string;
}

export class CreateConsultationRequest extends TenantRequestOf(CreateConsultationDto) {}
export class ListConsultationsRequest extends TenantRequestOf(ListConsultationsQuery) {}
export class ConsultationIdRequest extends TenantRequest {
  @IsUUID('all')
  consultationId!: string;
}
export class UpdateConsultationRequest extends TenantRequestOf(UpdateConsultationDto) {
  @IsUUID('all')
  consultationId!: string;
}
export class ResultsRequest extends TenantRequestOf(ResultsQuery) {
  @IsUUID('all')
  consultationId!: string;
}

/** The same messages about a region's consultations: the region the path addresses instead of a LERO. */
export class CreateRegionConsultationRequest extends CreateConsultationDto {
  @IsUUID('all')
  regionId!: string;
}
export class ListRegionConsultationsRequest extends ListConsultationsQuery {
  @IsUUID('all')
  regionId!: string;
}
export class RegionConsultationIdRequest {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  consultationId!: string;
}
export class UpdateRegionConsultationRequest extends UpdateConsultationDto {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  consultationId!: string;
}
export class RegionResultsRequest extends ResultsQuery {
  @IsUUID('all')
  regionId!: string;

  @IsUUID('all')
  consultationId!: string;
}

/** A question as shown: `key` (`q1`…, `a1`… for "about you") is what an answer names. */
export interface QuestionView {
  key: string;
  kind: QuestionKind;
  text: string;
  options: string[];
}

export interface ConsultationView {
  id: string;
  /** `lero`: the LERO's own; `region`: the region's, across its LEROs. */
  owner: 'lero' | 'region';
  title: string;
  purpose: string;
  askedBy: string;
  useOfAnswers: string;
  opensAt: string;
  closesAt: string;
  audience: ConsultationAudience;
  /** Shown on the owner's public "you said, we did" page once closed. */
  public: boolean;
  status: ConsultationStatus;
  resultsThreshold: number;
  questions: QuestionView[];
  aboutYou: QuestionView[];
  createdAt: string;
}

/** One question's results: counts per option (choices), per point 1–5 (scale), texts (LERO staff only). */
export interface QuestionResultsView {
  key: string;
  kind: QuestionKind;
  text: string;
  options: string[];
  counts: number[];
  texts?: string[];
  /** A text question's answers as its staff published them after review and edit (ADR 0067): for every reader. */
  published?: string[];
}

/** A cross-tabulation by an "about you" question: rows are its options then "not said", shown only when every cell passes. */
export interface CrossTabView {
  by: string;
  rows: string[];
  shown: boolean;
  questions: { key: string; cells: number[][] }[];
}

export interface ResultsView {
  consultationId: string;
  status: ConsultationStatus;
  resultsThreshold: number;
  /** False below the threshold: "not enough responses yet"; then no figure at all. */
  shown: boolean;
  responses: number | null;
  questions: QuestionResultsView[];
  crossTab?: CrossTabView;
}
