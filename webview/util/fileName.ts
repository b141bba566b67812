// A path's last part, for titles (the webview gets paths with either separator).
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
