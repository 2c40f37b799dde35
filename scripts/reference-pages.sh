#!/usr/bin/env bash
# Regenerates the reference page images of the sample PDF (test/fixtures/reference/xunyang-2023/):
# builds the seed report and renders the pages listed in test/fixtures/reference/pages.ts with
# pdftoppm (grey, 50 dpi). Look at the images before committing them: they are what the test keeps.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
node bin/juesuan.js build reports/xunyang-digital-economy/2023 --out "$out" >/dev/null
dest=test/fixtures/reference/xunyang-2023
mkdir -p "$dest"
rm -f "$dest"/page-*.png
pages="$(sed -n 's/^export const REFERENCE_PAGES = \[\(.*\)\];/\1/p' test/fixtures/reference/pages.ts | tr -d ' ' | tr ',' ' ')"
for p in $pages; do
  name="$(printf 'page-%02d' "$p")"
  pdftoppm -gray -r 50 -f "$p" -l "$p" -singlefile -png "$out/xunyang-digital-economy-2023.pdf" "$dest/$name"
done
ls -la "$dest"
