// What the progress notification says for each step of a run: the words must say what actually happens.
import type { LavaParams } from '../shared/params/types';
import type { Step } from '../shared/steps';

const STEP_LABEL: Record<Step, string> = {
  read: 'Reading the data',
  prepare: 'Preparing features',
  embedding: 'Computing the embedding (UMAP)',
  localities: 'Placing localities',
  correlations: 'Correlating features per locality',
  modules: 'Factorizing into modules',
  result: 'Writing the result',
};

/** The label of `step` in a run with `params`: UMAP runs only when asked for; else the embedding is read. */
export function stepLabel(step: Step, params: Pick<LavaParams, 'umap'>): string {
  if (step === 'embedding' && !params.umap) return 'Reading the embedding columns';
  return STEP_LABEL[step];
}

/** One line of the notification: "<label>: <engine's message> (<percent>%)". */
export function progressText(
  step: Step,
  params: Pick<LavaParams, 'umap'>,
  percent: number,
  message?: string,
): string {
  return `${stepLabel(step, params)}${message ? `: ${message}` : ''} (${percent}%)`;
}
