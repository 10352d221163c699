import { TestimonyThemesController } from './testimony-themes.controller';
import { TestimonyPiecesController } from './testimony-pieces.controller';
import { PublicTestimonyController } from './testimony-public.controller';
import { RegionTestimonyController } from './region-testimony.controller';

/** The gateway's routes of collective testimony (ADR 0066), a region's themes too (ADR 0076). */
export const TESTIMONY_GATEWAY_CONTROLLERS = [
  TestimonyThemesController,
  TestimonyPiecesController,
  PublicTestimonyController,
  RegionTestimonyController,
];
