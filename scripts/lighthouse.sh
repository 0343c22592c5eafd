#!/usr/bin/env bash
# Lighthouse (npm, in node_modules) on one page with Debian's Chromium, mobile preset
# (Moto G Power, slow 4G and a 4× slower CPU, all simulated), accessibility and performance.
#
#   scripts/lighthouse.sh URL REPORT.json ["Cookie header value"]
#
# Prints "accessibility NNN  performance NNN  URL" and leaves the full report in REPORT.json.
# There is no internet here: Chromium's own background traffic is switched off, and
# Lighthouse never downloads anything (error reporting off, no update checks).
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1
report=$2
cookie=${3:-}
[ -x node_modules/.bin/lighthouse ] || { echo "node_modules missing: run npm ci" >&2; exit 2; }

# chrome-launcher's own --disable-features list (features that reach out to Google), given
# again because a second --disable-features replaces the first: without RenderDocument, which
# chrome-launcher also disables. With RenderDocument off, Debian's Chromium 156 headless now
# and then holds the first paint of a page for a whole second or two (observed paint at 1.2 s
# or 2.3 s while the page had loaded at 0.2 s), which swings the mobile score by up to 6.
features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,CalculateNativeWinOcclusion
features+=,InterestFeedContentSuggestions,CertificateTransparencyComponentUpdater
features+=,AutofillServerCommunication,PrivacySandboxSettings4

headers=()
if [ -n "$cookie" ]; then
  headers=(--extra-headers="$(node -e 'console.log(JSON.stringify({Cookie: process.argv[1]}))' "$cookie")")
fi

CHROME_PATH=${CHROMIUM:-/usr/bin/chromium} node_modules/.bin/lighthouse "$url" \
  --form-factor=mobile --screenEmulation.mobile=true \
  --only-categories=accessibility,performance \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync \
--disable-features=$features" \
  --no-enable-error-reporting --quiet \
  --output=json --output-path="$report" "${headers[@]}"

node -e '
  const report = require(require("path").resolve(process.argv[1]));
  const score = (id) => Math.round(report.categories[id].score * 100);
  console.log(`accessibility ${score("accessibility")}  performance ${score("performance")}  ${report.finalDisplayedUrl}`);
' "$report"
