import type { MyPieceView, PieceView, PublishedThemeView, ThemeView } from '@hearth/contracts';
import { shuffled } from '../consultations/answer-batch.service';
import type { PieceRow, ThemeRow } from './testimony.repository';

/** A theme; `contributors` only for the staff who run it. */
export const themeView = (t: ThemeRow, contributors?: number): ThemeView => ({
  id: t.id,
  owner: t.region_id ? 'region' : 'lero',
  title: t.title,
  prompt: t.prompt,
  publishThreshold: t.publish_threshold,
  status: t.status,
  published: t.published,
  ...(contributors === undefined ? {} : { contributors }),
  createdAt: new Date(t.created_at).toISOString(),
});

/** A piece as staff review it: never its contributor, whether they count, or when they consented. */
export const pieceView = (p: PieceRow): PieceView => ({
  id: p.id,
  themeId: p.theme_id,
  status: p.status,
  text: p.text,
  proposedText: p.proposed_text,
});

export const myPieceView = (p: PieceRow, themeTitle: string): MyPieceView => ({
  ...pieceView(p),
  themeTitle,
  consentedAt: new Date(p.consented_at).toISOString(),
});

/** A published theme: its approved texts in a fresh random order on every read, nothing else of them. */
export const publishedView = (t: ThemeRow, texts: string[]): PublishedThemeView => ({
  title: t.title,
  prompt: t.prompt,
  pieces: shuffled(texts),
});
