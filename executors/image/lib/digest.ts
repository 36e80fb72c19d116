/** sha256 digests as the image format writes them: `sha256:<hex>`. */
import { createHash } from 'crypto';
import { createReadStream } from 'fs';

export function sha256Of(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** The hex part of `sha256:<hex>`. */
export function hexOf(digest: string): string {
  return digest.replace(/^sha256:/, '');
}
