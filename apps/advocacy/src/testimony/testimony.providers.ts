import { TestimonyController } from './testimony.controller';
import { TestimonyRepository } from './testimony.repository';
import { Publication } from './publication.service';
import { ThemesService } from './themes.service';
import { PiecesService } from './pieces.service';
import { PublicTestimonyService } from './public-testimony.service';
import { TestimonyMemberData } from './testimony-member-data.service';

/** Collective testimony's part of the advocacy module (ADR 0066). */
export const TESTIMONY_CONTROLLERS = [TestimonyController];
export const TESTIMONY_PROVIDERS = [
  TestimonyRepository,
  Publication,
  ThemesService,
  PiecesService,
  PublicTestimonyService,
  TestimonyMemberData,
];
