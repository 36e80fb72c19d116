import { Tree, generateFiles } from '@nx/devkit';
import * as path from 'path';
import { templatesDir } from '../../shared/templates';

/** Image references Docker accepts after FROM: name[:tag][@digest], no spaces. */
const IMAGE_REF = /^[a-z0-9][a-z0-9._\-/:@]*$/i;

/**
 * Writes the build image definition at `file` (workspace-relative) unless one
 * exists: the offline one, or FROM `image` when given. Returns what happened.
 */
export function writeBuildImageDefinition(tree: Tree, file: string, image: string | undefined): 'kept' | 'written' {
  if (tree.exists(file)) return 'kept';
  if (image !== undefined && !IMAGE_REF.test(image)) {
    throw new Error(`"${image}" is not an image reference: pass --image like golang:1.22 or registry.example.com/go:1.22.`);
  }
  const kind = image === undefined ? 'offline' : 'registry';
  generateFiles(tree, path.join(templatesDir('init'), kind), path.posix.dirname(file), {
    file: path.posix.basename(file),
    image: image ?? '',
  });
  return 'written';
}
