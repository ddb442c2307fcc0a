/** Every module's tables, for Drizzle's schema-aware queries and drizzle-kit. */

export * from './calendar.js';
export * from './cases.js';
export * from './catalogue.js';
export * from './identity.js';
export * from './interaction.js';
export * from './licences.js';
export * from './org.js';
export * from './platform.js';
