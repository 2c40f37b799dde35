#!/usr/bin/env bash
# Installs what the test suite needs besides npm packages, when missing and possible (root with
# apt-get): git (the clone test), iproute2 (`ip netns`, the network test), util-linux (setpriv).
# Chromium and poppler-utils come from scripts/ensure-browser.sh (npm test's pretest).
set -euo pipefail
need=()
command -v git >/dev/null 2>&1 || need+=(git)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "juesuan: 正在安装 ${need[*]} (apt-get)…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "juesuan: 测试需要 ${need[*]};请以管理员身份运行: apt-get update && apt-get install -y ${need[*]}" >&2
fi
