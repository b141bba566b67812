// The engine's steps as every side names them: progress messages, the CLI's bar and the extension's notification.

export type Step = 'read' | 'prepare' | 'embedding' | 'localities' | 'correlations' | 'modules' | 'result';

/** Progress: step, fraction done inside that step (0..1), and a short human message. */
export type ProgressFn = (step: Step, fraction: number, message?: string) => void;

/** Share of the whole run each step takes, roughly, so one progress bar moves evenly. */
const STEP_WEIGHT: Record<Step, number> = {
  read: 0.1,
  prepare: 0.02,
  embedding: 0.3,
  localities: 0.2,
  correlations: 0.2,
  modules: 0.16,
  result: 0.02,
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
