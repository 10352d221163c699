import { TestimonyThemesController } from './testimony-themes.controller';
import { TestimonyPiecesController } from './testimony-pieces.controller';
import { PublicTestimonyController } from './testimony-public.controller';

/** The gateway's routes of collective testimony (ADR 0066). */
export const TESTIMONY_GATEWAY_CONTROLLERS = [
  TestimonyThemesController,
  TestimonyPiecesController,
  PublicTestimonyController,
];
