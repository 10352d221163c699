import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TenantRequestOf } from '../paging';

/** One answer: the question's key and, as its kind needs, an option index, indexes, a point 1–5 or a short text. */
export class AnswerDto {
  @IsString()
  @Matches(/^[qa]\d{1,2}$/, { message: 'must be a question key (q1…, a1…)' })
  question!: string;

  @IsOptional()
  @IsInt({ message: 'must be an option index' })
  @Min(0)
  @Max(11)
  choice?: number;

  @IsOptional()
  @IsArray({ message: 'must be a list of option indexes' })
  @ArrayMaxSize(12)
  @IsInt({ each: true, message: 'must be a list of option indexes' })
  @Min(0, { each: true })
  @Max(11, { each: true })
  choices?: number[];

  @IsOptional()
  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1)
  @Max(5)
  scale?: number;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  text?: string;
}

/** A member's response: answers to the questions (all of them) and to any "about you" questions they choose. */
export class RespondDto {
  @IsArray({ message: 'must be a list of answers' })
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class RespondRequest extends TenantRequestOf(RespondDto) {
  @IsUUID('all')
  consultationId!: string;
}

/** All a response answers: that it was taken. Nothing to find it by (it has no id the respondent could keep). */
export interface ResponseReceivedView {
  received: true;
}
