// The engine's steps as every side names them: progress messages, the CLI's bar and the extension's notification.

export type Step = 'read' | 'prepare' | 'embedding' | 'localities' | 'correlations' | 'modules' | 'result';

/** Progress: step, fraction done inside that step (0..1), and a short human message. */
export type ProgressFn = (step: Step, fraction: number, message?: string) => void;

/**
 * Share of the whole run each step takes, roughly, so one progress bar moves evenly. Step 3 with its trust
 * measures (the k scan) is about half of a default run, more on image data (docs/trust.md).
 */
const STEP_WEIGHT: Record<Step, number> = {
  read: 0.06,
  prepare: 0.01,
  embedding: 0.18,
  localities: 0.12,
  correlations: 0.12,
  modules: 0.5,
  result: 0.01,
};

/** Overall fraction done, for a single progress bar over all steps. */
export function overallFraction(step: Step, fraction: number): number {
  const order: Step[] = ['read', 'prepare', 'embedding', 'localities', 'correlations', 'modules', 'result'];
  let before = 0;
  for (const s of order) {
    if (s === step) break;
    before += STEP_WEIGHT[s];
  }
  return Math.min(1, before + STEP_WEIGHT[step] * Math.max(0, Math.min(1, fraction)));
}
