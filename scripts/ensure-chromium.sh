#!/usr/bin/env bash
# Make sure Debian's chromium and chromedriver are present for the browser tests.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium and chromium-driver (Debian packages) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
  exit 0
fi
echo "error: the browser tests need chromium and chromedriver on PATH." >&2
echo "       on Debian/Ubuntu: sudo apt-get install -y chromium chromium-driver" >&2
exit 1
