import * as fs from 'fs';
import * as path from 'path';

/** A generator's templates: beside the sources, which the package ships next to its compiled output. */
export function templatesDir(generator: string): string {
  const candidates = [
    path.join(__dirname, '..', generator, 'files'),
    path.join(__dirname, '..', '..', '..', 'generators', generator, 'files'),
  ];
  const found = candidates.find((d) => fs.existsSync(d));
  if (!found) {
    throw new Error(`The ${generator} generator's templates are missing (looked in ${candidates.join(', ')}): reinstall nx-kube-build.`);
  }
  return found;
}
