export * from './subjects';
export * from './events';
export * from './consultation.dto';
export * from './response.dto';
export * from './ask.dto';
export * from './advocacy.client';
export * from './asks.client';
