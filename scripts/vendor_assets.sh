#!/usr/bin/env bash
# Rebuilds the committed front-end assets: htmx from npm, and the Uyghur font subset.
# Content-hashed names let static files be cached for a year without stale copies.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

version=$(node -p "require('./package.json').devDependencies['htmx.org']")
(cd "$work" && npm pack "htmx.org@$version" --silent >/dev/null && tar xzf htmx.org-*.tgz)
hash=$(sha256sum "$work/package/dist/htmx.min.js" | cut -c1-10)
rm -f static/large-ui/js/htmx-*.min.js
cp "$work/package/dist/htmx.min.js" "static/large-ui/js/htmx-$hash.min.js"

# Arabic block, presentation forms and the punctuation Uyghur text uses; no CJK (phones have it).
unicodes="U+0020-007E,U+00A0,U+00AB,U+00BB,U+060C,U+061B,U+061F,U+0621-064A,U+064B-0655,U+0660-0669,U+067E,U+0686,U+0698,U+06AD,U+06AF,U+06BE,U+06C6-06C8,U+06CB,U+06D0,U+06D5,U+200C-200F,U+FB50-FDFF,U+FE70-FEFF"
rm -f static/large-ui/fonts/noto-sans-arabic-*.woff2
for weight in Regular Bold; do
  src=/usr/share/fonts/truetype/noto/NotoSansArabic-$weight.ttf
  out="$work/ug-$weight.woff2"
  "$py" -m fontTools.subset "$src" --unicodes="$unicodes" --flavor=woff2 \
    --layout-features='*' --output-file="$out"
  h=$(sha256sum "$out" | cut -c1-10)
  lower=$(echo "$weight" | tr '[:upper:]' '[:lower:]')
  cp "$out" "static/large-ui/fonts/noto-sans-arabic-$lower-$h.woff2"
done
cp /usr/share/doc/fonts-noto-core/copyright static/large-ui/fonts/NOTICE-noto.txt 2>/dev/null || true
ls -l static/large-ui/js static/large-ui/fonts
