import { Body, Controller, Get, Header, Post } from '@nestjs/common';
import { Public } from '@hearth/auth';
import { AdvocacyClient, PublicRespondDto, type RequestContext } from '@hearth/contracts';
import { ContractPipe } from '@hearth/platform';
import { ApiContractBody } from '../http/api-contract';
import { ApiDoc, ApiTag } from '../http/api-doc';
import { Context, UuidParam } from '../http/request-context';

/** A consultation's public link (ADR 0067): anyone reads it and responds, without signing in. */
@ApiTag('advocacy')
@Public()
@Controller('api/v1/public/consultations')
export class PublicConsultationsController {
  constructor(private readonly advocacy: AdvocacyClient) {}

  @Get(':consultationId')
  @Header('cache-control', 'no-store')
  @ApiDoc({
    summary: 'A public consultation, to respond to',
    description:
      'An open consultation with `audience: public` (a LERO’s or a region’s): `{id, title, purpose, askedBy, ' +
      'useOfAnswers, opensAt, closesAt, questions, aboutYou, proofOfWork: {algorithm: sha256-leading-zero-bits, ' +
      'challenge, difficulty, expiresAt}}`. Before responding, find a `nonce` (letters and digits) such that ' +
      'SHA-256 of `challenge` followed by `nonce` starts with `difficulty` zero bits; each read gives a new ' +
      'challenge, good for an hour and for one response.',
    who: 'Anyone, without signing in.',
    errors:
      '404 for an id that is no open public consultation (a draft, a closed one, one for members only).',
  })
  get(@Context() ctx: RequestContext, @UuidParam('consultationId') consultationId: string) {
    return this.advocacy.getPublicConsultation(ctx, consultationId);
  }

  /** Left out of the request log (`UNLOGGED_REQUESTS`), rate limited per address in memory only (ADR 0067). */
  @Post(':consultationId/responses')
  @ApiDoc({
    summary: 'Respond to a public consultation (anonymously)',
    description:
      '`{answers, challenge, nonce, website?}`: the answers as for a member’s response, the challenge read with ' +
      'the consultation and its solving `nonce`, and `website`, a field the form hides from people, which must ' +
      'be left empty. The answers are stored with nothing of you — no account, address, time or id — and written ' +
      'in a shuffled batch with others; this request is not logged. Nothing stops a person from responding twice ' +
      'but the cost of each proof of work and the limit per address. Answers `{received: true}`.',
    who: 'Anyone, without signing in. At most `PUBLIC_RESPONSE_RATE_LIMIT` attempts an hour per client address.',
    errors:
      '400 naming the field: `website` filled in, `challenge` not given by this consultation, expired or used, ' +
      '`nonce` not solving it, an answer that does not fit its question; 404 for an id that is no open public ' +
      'consultation; 409 `ConsultationNotOpen`; 429 beyond the limit per address (with `Retry-After`).',
  })
  @ApiContractBody(PublicRespondDto)
  respond(
    @Context() ctx: RequestContext,
    @UuidParam('consultationId') consultationId: string,
    @Body(new ContractPipe(PublicRespondDto)) dto: PublicRespondDto,
  ) {
    return this.advocacy.respondInPublic(ctx, consultationId, dto);
  }
}
