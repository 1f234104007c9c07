/**
 * The HTTP API's vocabulary, as zod schemas. Request schemas validate bodies at the boundary;
 * response schemas document what the domain functions return (they feed the OpenAPI document and
 * the web client's types, and are not re-checked at run time).
 */
import { z } from 'zod';

// ---------- requests ----------

const cifText = z
  .string({ error: 'expected the CIF file contents as a string' })
  .min(1, { error: 'the CIF text is empty' })
  .describe('Contents of a CIF file (text).');

const fileName = z.string().max(255).optional().describe('Original file name, used in error messages.');

export const CifRequest = z
  .object({ cif: cifText, fileName })
  .meta({ id: 'CifRequest', description: 'A CIF to parse and summarise.' });

export const WavelengthName = z
  .enum(['CuKa', 'CuKa1', 'CuKa12', 'MoKa', 'CoKa', 'AgKa'])
  .describe('Named X-ray source: Kα (weighted mean), Kα1 only, or Cu Kα1 + Kα2 doublet.');

export const ProfileParams = z
  .object({
    U: z.number().describe('Caglioti U (deg²).'),
    V: z.number().describe('Caglioti V (deg²).'),
    W: z.number().describe('Caglioti W (deg²).'),
    eta: z.number().min(0).max(1).describe('Pseudo-Voigt Lorentzian fraction, 0–1.'),
    step: z.number().positive().max(1).describe('Sampling step of the profile curve (deg 2θ).'),
  })
  .meta({ id: 'ProfileParams', description: 'Peak-shape parameters; FWHM² = U tan²θ + V tanθ + W.' });

export const XrdRequest = z
  .object({
    cif: cifText,
    fileName,
    wavelength: z
      .union([WavelengthName, z.number().positive().max(10).describe('Wavelength in Å.')])
      .optional()
      .describe('X-ray source name or wavelength in Å (default CuKa).'),
    twoThetaMin: z
      .number()
      .min(0)
      .max(180)
      .optional()
      .describe('Lower end of the 2θ range (deg, default 10).'),
    twoThetaMax: z
      .number()
      .min(0)
      .max(180)
      .optional()
      .describe('Upper end of the 2θ range (deg, default 90).'),
    kalpha2: z.boolean().optional().describe('Include Cu Kα2 (switches CuKa to the CuKa12 doublet).'),
    profile: ProfileParams.optional(),
    debyeWaller: z
      .boolean()
      .optional()
      .describe('Apply Debye–Waller damping from the displacement parameters.'),
    anomalous: z.boolean().optional().describe('Include anomalous dispersion (f′, f″).'),
  })
  .meta({ id: 'XrdRequest', description: 'A CIF and the settings of a simulated powder pattern.' });

// ---------- responses ----------

export const ErrorResponse = z
  .object({
    error: z.string().describe("'InputError' for a problem with the request, 'InternalError' otherwise."),
    message: z.string().describe('One sentence saying what is wrong and where.'),
    field: z.string().optional(),
    file: z.string().optional(),
    line: z.number().optional(),
  })
  .meta({ id: 'ErrorResponse' });

export const Warning = z.object({
  code: z.string(),
  message: z.string(),
  label: z.string().optional(),
  line: z.number().optional(),
});

export const StructureSummary = z
  .object({
    formula: z.string(),
    cell: z
      .object({
        a: z.number(),
        b: z.number(),
        c: z.number(),
        alpha: z.number(),
        beta: z.number(),
        gamma: z.number(),
        volume: z.number(),
      })
      .describe('Lengths in Å, angles in degrees, volume in Å³.'),
    title: z.string().optional(),
    spaceGroup: z.object({
      symbol: z.string().optional(),
      number: z.number().int().optional(),
      source: z
        .enum(['analysis', 'file', 'unknown'])
        .optional()
        .describe('Where symbol and number come from.'),
      symbolInFile: z.string().optional(),
    }),
    density: z.number().describe('Calculated density (g/cm³).'),
    sites: z.array(
      z.object({
        label: z.string(),
        species: z.string().describe("Species with occupancy, e.g. 'Na0.6' or 'Co'."),
        wyckoff: z.string().optional(),
        x: z.number(),
        y: z.number(),
        z: z.number(),
        occupancy: z.number(),
        uIso: z.number().optional().describe('Isotropic displacement U (Å²).'),
        multiplicity: z.number().int().optional().describe('Positions this site generates in the cell.'),
      }),
    ),
    atomsInCell: z.number(),
    warnings: z.array(Warning),
  })
  .meta({ id: 'StructureSummary' });

const Vec3 = z.tuple([z.number(), z.number(), z.number()]);

export const StructureScene = z
  .object({
    atoms: z.array(
      z.object({
        x: z.number(),
        y: z.number(),
        z: z.number(),
        element: z.string(),
        radius: z.number().describe('Display radius (Å).'),
        color: z.string().describe('Hex colour, e.g. #ffcc00.'),
        occupancy: z.number(),
        label: z.string().optional(),
      }),
    ),
    cellEdges: z.array(z.tuple([Vec3, Vec3])).describe('Segments of the unit-cell box, Cartesian Å.'),
  })
  .meta({ id: 'StructureScene', description: 'Atoms and cell edges in Cartesian Å, ready for a 3-D view.' });

export const PowderPattern = z
  .object({
    wavelength: z.number().describe('Wavelength used (Å); the Kα1 line for a doublet.'),
    radiation: z.string().describe("Source name, e.g. 'CuKa12' or '1.5406 Å'."),
    twoThetaRange: z.tuple([z.number(), z.number()]).describe('deg'),
    peaks: z.array(
      z.object({
        twoTheta: z.number().describe('deg'),
        d: z.number().describe('Å'),
        intensity: z.number().describe('Relative, strongest = 100.'),
        hkl: z.array(Vec3),
        multiplicity: z.number(),
        label: z.string().describe("hkl families, 4-index for hexagonal cells, e.g. '(1 0 -1 4)'."),
        line: z.string().describe("Emission line: 'Kα', 'Kα1', 'Kα2' or 'λ'."),
      }),
    ),
    profile: z
      .object({ axis: z.string(), x: z.array(z.number()), y: z.array(z.number()) })
      .optional()
      .describe('Continuous pattern (pseudo-Voigt), when profile parameters were given.'),
    reflectionsEvaluated: z.number().int(),
  })
  .meta({ id: 'PowderPattern' });

export const CifResponse = z
  .object({
    fileName: z.string().optional(),
    blockName: z.string(),
    summary: StructureSummary,
    scene: StructureScene,
  })
  .meta({ id: 'CifResponse' });

export const XrdResponse = z
  .object({ summary: StructureSummary, pattern: PowderPattern })
  .meta({ id: 'XrdResponse' });

export const HealthResponse = z
  .object({ status: z.literal('ok'), name: z.literal('natrium'), version: z.string() })
  .meta({ id: 'HealthResponse' });

export const ExampleInfo = z
  .object({
    name: z.string().describe('File name under data/structures, e.g. Silicon.cif.'),
    title: z.string(),
    description: z.string(),
  })
  .meta({ id: 'ExampleInfo' });

export const ExamplesResponse = z.object({ examples: z.array(ExampleInfo) }).meta({ id: 'ExamplesResponse' });

export type CifRequest = z.infer<typeof CifRequest>;
export type XrdRequest = z.infer<typeof XrdRequest>;
export type ProfileParams = z.infer<typeof ProfileParams>;
export type ErrorResponse = z.infer<typeof ErrorResponse>;
export type StructureSummary = z.infer<typeof StructureSummary>;
export type StructureScene = z.infer<typeof StructureScene>;
export type PowderPattern = z.infer<typeof PowderPattern>;
export type CifResponse = z.infer<typeof CifResponse>;
export type XrdResponse = z.infer<typeof XrdResponse>;
export type ExampleInfo = z.infer<typeof ExampleInfo>;
