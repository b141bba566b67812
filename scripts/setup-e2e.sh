#!/usr/bin/env bash
# Installs what the E2E test and `npm run demo` need: Debian chromium/ripgrep/krb5 headers and code-server in .e2e/ (idempotent).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
E2E="$ROOT/.e2e"
CS_VERSION=${CS_VERSION:-4.100.3} # newest code-server whose engines accept Node 20
CS_DIR="$E2E/code-server"
mkdir -p "$E2E/tmp"

# 1. OS packages, only when something is missing (apt-get update is slow and needs the network).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in make g++ python3; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup-e2e: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup-e2e: chromium, ripgrep, libkrb5-dev already installed"
fi

# 2. code-server from npm, in a folder of its own (its postinstall compiles native modules).
if [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  echo "setup-e2e: code-server $(node -p "require('$CS_DIR/node_modules/code-server/package.json').version") already installed"
else
  echo "setup-e2e: installing code-server@$CS_VERSION into $CS_DIR (a few minutes)"
  mkdir -p "$CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from GitHub: seed its download cache with Debian's rg instead.
  RGC="$E2E/tmp/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$RGC" "$E2E/tmp/rg"
  cp "$(command -v rg)" "$E2E/tmp/rg/rg"
  tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$E2E/tmp/rg" rg
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  # nodedir: node-gyp must use the local Node headers; yes: node-pty's postinstall runs `npx node-gyp`.
  UNSAFE=""; [ "$(id -u)" -ne 0 ] || UNSAFE="--unsafe-perm"
  if ! (cd "$CS_DIR" && TMPDIR="$E2E/tmp" npm_config_nodedir=/usr npm_config_yes=true \
      npm install $UNSAFE --no-audit --no-fund --no-save "code-server@$CS_VERSION" > "$E2E/cs-install.log" 2>&1); then
    tail -40 "$E2E/cs-install.log"
    echo "setup-e2e: code-server install failed (log: $E2E/cs-install.log)" >&2
    exit 1
  fi
  echo "setup-e2e: code-server installed ($(du -sh "$CS_DIR/node_modules" | cut -f1))"
fi
echo "setup-e2e: done"
