// How prepare's notes and hints list column names: readable, and cut short when long.

/** A readable list of names, cut short when long. */
export function listNames(names: string[], max = 20): string {
  if (names.length === 0) return '(none)';
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, ... (${names.length - max} more)` : shown;
}
