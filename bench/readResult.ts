// Reads a result file from either side of the bench: ours decoded (packed arrays into typed arrays, checked),
// the numpy reference's plain JSON as it is. Both then fit the bench's readers (ScorableResult, ResultJson).
import { readFileSync } from 'node:fs';
import { decodeResult } from '../src/shared/result/decode';

export function readAnyResult<T>(path: string): T {
  const text = readFileSync(path, 'utf8');
  const json = JSON.parse(text) as { tool?: { name?: string } };
  return (json.tool?.name === 'lava-explorer' ? decodeResult(text, path) : json) as T;
}
