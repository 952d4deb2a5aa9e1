#!/usr/bin/env bash
# packaging/macos/coachdesk.icns from the rendered PNGs (macOS's iconutil).
set -euo pipefail
cd "$(dirname "$0")/../.."
python -m scripts.render_icons build/icons
SET=build/coachdesk.iconset
rm -rf "$SET" && mkdir -p "$SET"
for n in 16 32 128 256 512; do
  cp "build/icons/${n}x${n}/apps/coachdesk.png" "$SET/icon_${n}x${n}.png"
done
for n in 16 128 256; do
  d=$((n * 2)); cp "build/icons/${d}x${d}/apps/coachdesk.png" "$SET/icon_${n}x${n}@2x.png"
done
iconutil -c icns "$SET" -o packaging/macos/coachdesk.icns
