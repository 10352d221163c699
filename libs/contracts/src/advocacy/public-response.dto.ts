import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { ConsultationView } from './consultation.dto';
import { RespondDto } from './response.dto';

/** A public consultation, asked by its id alone (no LERO, no region in the path: the link is all one has). */
export class PublicConsultationRequest {
  @IsUUID('all')
  consultationId!: string;
}

/**
 * A response through a public link (ADR 0067): the answers, the honeypot `website` (a field the form hides from
 * people, which must stay empty) and a solved proof-of-work: `nonce` such that SHA-256(`challenge` ‖ `nonce`) starts
 * with the challenge's `difficulty` zero bits.
 */
export class PublicRespondDto extends RespondDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  website?: string;

  @IsString()
  @MaxLength(512)
  @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'must be a challenge this consultation gave' })
  challenge!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9]{1,64}$/, { message: 'must be 1 to 64 letters or digits' })
  nonce!: string;
}

export class PublicRespondRequest extends PublicRespondDto {
  @IsUUID('all')
  consultationId!: string;
}

/** What a client solves before responding: a signed challenge, its difficulty in leading zero bits, its expiry. */
export interface ProofOfWorkChallenge {
  algorithm: 'sha256-leading-zero-bits';
  challenge: string;
  difficulty: number;
  expiresAt: string;
}

/** A public consultation as anyone may read it: what it asks and why, and a fresh challenge to respond with. */
export type PublicConsultationView = Pick<
  ConsultationView,
  'id' | 'title' | 'purpose' | 'askedBy' | 'useOfAnswers' | 'opensAt' | 'closesAt' | 'questions' | 'aboutYou'
> & { proofOfWork: ProofOfWorkChallenge };
