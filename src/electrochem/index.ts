/** Electrochemistry: impedance (and cycling, added by its module). */

export * from './cycling/index.ts';
export * from './eis/index.ts';
