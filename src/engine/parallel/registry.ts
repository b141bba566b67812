// Every kernel the pool's threads can run, by name. The thread script bundles this file, so a kernel
// added here is available in dist/poolWorker.js and under tsx alike.
import type { z } from 'zod';
import type { Kernel } from './kernel';
import { knnExact, knnRerank } from '../embedding/knnKernels';
import { pcaGram, pcaProject } from '../embedding/pcaKernels';
import { fuzzyMembership, fuzzyMerge } from '../embedding/fuzzySetKernels';
import { umapEpoch } from '../embedding/layoutKernel';
import { localityPairs } from '../correlations/localityKernel';
import { localityKnn, localityLoss } from '../localities/evaluationKernel';
import { moduleNull } from '../trust/nullKernel';
import {
  applyUpdates,
  buildCandidates,
  localJoin,
  markOld,
  randomFill,
  rpTree,
} from '../embedding/nnDescentKernels';

export const KERNELS = {
  knnExact,
  knnRerank,
  pcaGram,
  pcaProject,
  fuzzyMembership,
  fuzzyMerge,
  umapEpoch,
  rpTree,
  localJoin,
  applyUpdates,
  randomFill,
  buildCandidates,
  markOld,
  localityPairs,
  localityLoss,
  localityKnn,
  moduleNull,
} satisfies Record<string, Kernel>;

export type KernelName = keyof typeof KERNELS;
export type KernelArgs<K extends KernelName> = z.input<(typeof KERNELS)[K]['args']>;

/** Runs one part of a kernel after checking its arguments; throws on an unknown kernel or bad arguments. */
export function runPart(name: string, args: unknown, part: number, parts: number): number {
  const k = (KERNELS as Record<string, Kernel>)[name];
  if (!k) throw new Error(`pool: no kernel "${name}"`);
  if (part >= parts) throw new RangeError(`pool: part ${part} of ${parts}`);
  const checked = k.args.safeParse(args);
  if (!checked.success) throw new TypeError(`pool: bad arguments for "${name}": ${checked.error.message}`);
  return k.run(checked.data, part, parts);
}
