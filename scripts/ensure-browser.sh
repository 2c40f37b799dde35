#!/usr/bin/env bash
# Makes sure the machine has what printing needs: a Chromium (and, with --with-poppler, the
# poppler-utils the tests read PDFs with). Installs them with apt-get when missing and possible
# (root on Debian/Ubuntu); otherwise says exactly what to do. Never downloads a browser build.
set -euo pipefail
need=()
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && [ ! -x /usr/lib/chromium/chromium ] && ! command -v chromium-browser >/dev/null 2>&1 \
  && ! command -v google-chrome >/dev/null 2>&1; then
  need+=(chromium)
fi
if [ "${1:-}" = "--with-poppler" ] && ! command -v pdftotext >/dev/null 2>&1; then
  need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "juesuan: 正在安装 ${need[*]} (apt-get)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "juesuan: 需要 ${need[*]}。请以管理员身份运行: apt-get update && apt-get install -y ${need[*]}" >&2
  echo "         (或把 PUPPETEER_EXECUTABLE_PATH 设为已安装的 Chromium/Chrome 可执行文件)" >&2
  exit 1
fi
