export * from './subjects';
export * from './events';
export * from './consultation.dto';
export * from './response.dto';
export * from './public-response.dto';
export * from './published-texts.dto';
export * from './advocacy.client';
