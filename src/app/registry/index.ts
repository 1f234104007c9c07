/** registry: every natrium capability declared once as an Operation. */
export * from './registry.ts';
export * from './types.ts';
