/** What a region's advocacy routes (consultations, asks, testimony themes) say alike of who may call them. */
export const REGION_ADMINS = 'The region’s admins.';
export const NOT_REGION_ADMINS =
  '403 for the region’s commissioners and directory curators; 404 for a region you do not work in (another region’s staff, platform admins, a LERO’s people), as for one that does not exist.';
