export * from './subjects';
export * from './events';
export * from './listing.dto';
export * from './oruk.dto';
export * from './postcode';
export * from './oruk-places.dto';
export * from './directory.client';
