# Sourced by test.sh: installs Debian's Chromium (for the Playwright page tests) and DejaVu (the task PDF's font) if missing. Playwright never
# downloads a browser here; the tests start /usr/bin/chromium.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  echo "== installing Chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
