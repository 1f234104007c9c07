/** io: bytes ⇄ domain objects. */
export * from './cif/index.ts';
