/** `image-health inspect`: placeholder until the inspector lands (issue 3). */
export async function runInspect(_args: string[]): Promise<number> {
  process.stderr.write('image-health inspect: not available yet\n');
  return 2;
}
