export * from './subjects';
export * from './impact.dto';
export * from './reporting.client';
export * from './events';
