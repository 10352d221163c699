import type { Viewer } from '../session/web-session';

/** Curates a region's directory, imports included: its admins and directory curators (ADR 0040, 0045). */
export const importsDirectoryOf = (viewer: Viewer, regionId: string) =>
  viewer.grants.some(
    (g) => (g.role === 'region-admin' || g.role === 'directory-curator') && g.regionId === regionId,
  );

/** A region's imports of other directories. */
export const importsPath = (regionId: string) => `/regions/${regionId}/directory/imports`;
