/** io: bytes ⇄ domain objects. */
export * from './cif/index.ts';
export * from './cycling/index.ts';
export * from './eis/index.ts';
export * from './xy/index.ts';
