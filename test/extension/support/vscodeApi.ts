// The little of the vscode API that host code touches while a module loads or builds HTML; nothing else works.
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
  static joinPath(base: { path: string }, ...parts: string[]): Uri {
    return new Uri(posix.join(base.path, ...parts));
  }
  toString(): string {
    return `file://${this.path}`;
  }
}
export const ViewColumn = { Active: -1, Beside: -2, One: 1 };
export const window = {};
export const workspace = {};
export const commands = { executeCommand: async () => undefined };
