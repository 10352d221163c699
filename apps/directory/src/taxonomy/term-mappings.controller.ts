import {
  DirectorySubjects as S,
  SetTermMappingsRequest,
  TermMappingsRequest,
  type RequestContext,
} from '@hearth/contracts';
import { Answer, Ctx, Data, MessageController } from '@hearth/messaging';
import { TermMappingsService } from './term-mappings.service';

/** A region's curators map terms to its own taxonomies' terms (esd lists); its commissioners read the mappings. */
@MessageController()
export class TermMappingsController {
  constructor(private readonly mappings: TermMappingsService) {}

  @Answer(S.getTermMappings) get(
    @Ctx() ctx: RequestContext,
    @Data(TermMappingsRequest) dto: TermMappingsRequest,
  ) {
    return this.mappings.get(ctx, dto);
  }

  @Answer(S.setTermMappings) set(
    @Ctx() ctx: RequestContext,
    @Data(SetTermMappingsRequest) dto: SetTermMappingsRequest,
  ) {
    return this.mappings.set(ctx, dto);
  }
}
