// Expects an input error from a reader, and checks what it says, where it points and that it says what to do.
import assert from 'node:assert/strict';
import { LavaInputError } from '../../../src/shared/errors';

export async function rejectsInput(
  fn: () => Promise<unknown>,
  message: RegExp,
  want: { option?: string; file?: string } = {},
): Promise<LavaInputError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof LavaInputError, `expected LavaInputError, got ${String(err)}`);
    assert.match(err.message, message);
    if (want.option !== undefined) assert.equal(err.option, want.option);
    if (want.file !== undefined) assert.equal(err.file, want.file);
    assert.ok(err.hint.length > 10, 'a hint says what to do');
    return err;
  }
  assert.fail('expected an input error');
}
