#!/usr/bin/env bash
# Wrap dist/CoachDesk.app (from `pyinstaller packaging/coachdesk.spec` on macOS) in a .dmg.
# Signing and notarisation use the organisation's Developer ID from CI secrets:
#   codesign --deep --force --options runtime --sign "$MACOS_SIGNING_IDENTITY" dist/CoachDesk.app
#   xcrun notarytool submit dist/CoachDesk.dmg --keychain-profile "$NOTARY_PROFILE" --wait
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:-0.1.0}
STAGE=build/dmg
rm -rf "$STAGE" "dist/CoachDesk-$VERSION.dmg"
mkdir -p "$STAGE"
cp -R dist/CoachDesk.app "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "CoachDesk $VERSION" -srcfolder "$STAGE" -ov -format UDZO \
    "dist/CoachDesk-$VERSION.dmg"
