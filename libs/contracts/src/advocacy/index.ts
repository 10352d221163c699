export * from './subjects';
export * from './events';
export * from './consultation.dto';
export * from './response.dto';
export * from './advocacy.client';
export * from './testimony.subjects';
export * from './testimony.dto';
export * from './testimony.client';
