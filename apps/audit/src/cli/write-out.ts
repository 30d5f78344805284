/** Writes to stdout honouring back-pressure, so a slow pipe holds the export rather than the memory. */
export async function writeOut(
  text: string,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}
