export * from './subjects';
export * from './events';
export * from './listing.dto';
export * from './oruk.dto';
export * from './directory.client';
export * from './signpost.dto';
export * from './taxonomy';
