// The little of the vscode API that host code touches while a module loads or builds HTML; tests of a command set
// the window, workspace and env functions it calls; nothing else works.
import { posix } from 'node:path';

export class Uri {
  readonly scheme = 'file';
  readonly fsPath: string;
  constructor(readonly path: string) {
    this.fsPath = path;
  }
  static file(path: string): Uri {
    return new Uri(path);
  }
  /** file: URIs only (what the extension keeps of files it read). */
  static parse(text: string): Uri {
    if (!text.startsWith('file://')) throw new Error(`stub Uri.parse: not a file URI: ${text}`);
    return new Uri(decodeURIComponent(text.slice('file://'.length)));
  }
  static joinPath(base: { path: string }, ...parts: string[]): Uri {
    return new Uri(posix.join(base.path, ...parts));
  }
  toString(): string {
    return `file://${this.path}`;
  }
}
export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 };
export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}
// Tests that drive a command set the functions it calls on these.
export const window = {};
export const workspace = {};
export const env = { clipboard: {} };
export const commands = { executeCommand: async () => undefined };
