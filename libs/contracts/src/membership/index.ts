export * from './subjects';
export * from './export-parts';
export * from './member.dto';
export * from './member-sheets.dto';
export * from './member-names.dto';
export * from './lero-export.dto';
export * from './events';
export * from './membership.client';
