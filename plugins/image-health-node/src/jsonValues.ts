/** Whether a value read from JSON or YAML is a mapping (an object that is neither null nor an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
