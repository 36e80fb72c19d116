import { createDependencies } from './create-dependencies';
import { createNodes } from './create-nodes';
import { preTasksExecution } from './pre-tasks';

export const name = 'nx-kube-build';
export { createNodes, createDependencies, preTasksExecution };
/** Nx 22+ calls createNodes with the v2 signature; kept for configs that name the old export. */
export const createNodesV2 = createNodes;
export type { KubeBuildPluginOptions } from './options';
