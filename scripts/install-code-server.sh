#!/bin/sh
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into its own folder outside the
# repository, for the end-to-end tests. Idempotent: does nothing when that version is already there.
# Usage: scripts/install-code-server.sh [PREFIX]   (default: $HOME/.cache/fabric-lens-e2e/code-server)
# Needs (Debian): libkrb5-dev ripgrep chromium, i.e. `apt-get install -y libkrb5-dev ripgrep chromium`.
set -eu

VERSION=4.100.3
PREFIX=${1:-${FABRIC_LENS_CODE_SERVER:-$HOME/.cache/fabric-lens-e2e/code-server}}
BIN="$PREFIX/node_modules/.bin/code-server"

if [ -x "$BIN" ] && [ "$(cat "$PREFIX/.installed-version" 2>/dev/null)" = "$VERSION" ]; then
  echo "code-server $VERSION already in $PREFIX"
  exit 0
fi

RG=$(command -v rg || true)
if [ -z "$RG" ]; then
  echo "install-code-server: ripgrep (rg) is missing: apt-get install -y ripgrep libkrb5-dev" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall cannot reach its download host: give it Debian's rg as the cached download.
TMP=${TMPDIR:-/tmp}
CACHE="$TMP/vscode-ripgrep-cache-1.15.11"
TARBALL="$CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$TARBALL" ]; then
  STAGE=$(mktemp -d)
  mkdir -p "$CACHE"
  cp "$RG" "$STAGE/rg"
  tar -C "$STAGE" -czf "$TARBALL" rg
  rm -rf "$STAGE"
fi

mkdir -p "$PREFIX"
cd "$PREFIX"
[ -f package.json ] || echo '{"name":"fabric-lens-e2e-code-server","private":true}' > package.json
npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION"
echo "$VERSION" > .installed-version
echo "code-server $VERSION installed in $PREFIX"
