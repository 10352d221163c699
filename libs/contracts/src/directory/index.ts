export * from './subjects';
export * from './events';
export * from './listing.dto';
export * from './oruk.dto';
export * from './term-mapping.dto';
export * from './directory.client';
