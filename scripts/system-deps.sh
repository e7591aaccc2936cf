#!/usr/bin/env bash
# Install the Debian packages the tests need (Chromium, PostgreSQL, a Korean font, poppler) if
# missing. The check-in page's QR decoder is committed in static/vendor/: no Node.js or npm.
# Usage: scripts/system-deps.sh test
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || needed+=(postgresql)
fc-list 2>/dev/null | grep -qiE "noto sans cjk|nanum" || needed+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)  # badge tests render PDF pages
python3.11 -m venv --help >/dev/null 2>&1 || needed+=(python3.11-venv)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${needed[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Please install as root: apt-get install ${needed[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
