export * from './columns.js';
export * from './types.js';
export * from './validation.js';
export * from './ids.js';
export { initConferenceDoc, isInitialised, SCHEMA_VERSION } from './doc.js';
export * from './cards.js';
export * from './details.js';
export * from './chair.js';
