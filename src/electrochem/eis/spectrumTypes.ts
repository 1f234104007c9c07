/** The minimal spectrum shape the analyses need (an io/eis ImpedanceSpectrum satisfies it). */
export interface SpectrumData {
  frequencyHz: ArrayLike<number>;
  /** Z', Ω. */
  zReal: ArrayLike<number>;
  /** Z'', Ω, negative for capacitive behaviour. */
  zImag: ArrayLike<number>;
}
