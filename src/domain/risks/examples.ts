/**
 * Whether a stored risk is one of the examples: every example risk's description ends with
 * «(ejemplo)», the mark the example directory and plan use too; a real register never carries it.
 */
export function isExampleRisk(risk: { description: string }): boolean {
  return /\(ejemplo\)\s*$/i.test(risk.description);
}
