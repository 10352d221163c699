export * from './subjects';
export * from './events';
export * from './listing.dto';
export * from './oruk.dto';
export * from './curation.dto';
export * from './suggestion.dto';
export * from './transfer.dto';
export * from './directory.client';
