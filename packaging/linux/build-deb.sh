#!/usr/bin/env bash
# Build the Debian package from this checkout: the PyInstaller folder under /opt/coachdesk,
# a launcher in /usr/bin, the desktop entry, hicolor icons and AppStream metainfo.
# Run by `make package` (which installs PyInstaller into .venv first).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
VERSION=$($PY -c 'import importlib.metadata as m; print(m.version("coachdesk"))')
ARCH=$(dpkg --print-architecture)
BUILD=build/package
ROOTFS="$BUILD/root"
rm -rf "$BUILD" dist/coachdesk dist/coachdesk_*.deb

started=$(date +%s)
$PY -m PyInstaller --noconfirm --log-level WARN --distpath dist \
    --workpath "$BUILD/pyinstaller" packaging/coachdesk.spec
# Links to the Qt libraries the spec left out (QtNetwork) point nowhere: drop them.
find dist/coachdesk -xtype l -delete

mkdir -p "$ROOTFS/opt" "$ROOTFS/usr/bin" "$ROOTFS/usr/share/applications" \
         "$ROOTFS/usr/share/metainfo" "$ROOTFS/DEBIAN"
cp -a dist/coachdesk "$ROOTFS/opt/coachdesk"
install -m 0755 packaging/linux/coachdesk-launcher.sh "$ROOTFS/usr/bin/coachdesk"
install -m 0644 packaging/linux/de.coachdesk.CoachDesk.desktop "$ROOTFS/usr/share/applications/"
install -m 0644 packaging/linux/de.coachdesk.CoachDesk.metainfo.xml "$ROOTFS/usr/share/metainfo/"
QT_QPA_PLATFORM=offscreen $PY -m scripts.render_icons "$ROOTFS/usr/share/icons/hicolor"
rm -f "$ROOTFS/usr/share/icons/hicolor/coachdesk.ico"
SIZE=$(du -sk "$ROOTFS" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" \
    packaging/linux/control.in > "$ROOTFS/DEBIAN/control"
DEB="dist/coachdesk_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$ROOTFS" "$DEB" >/dev/null

echo "bundle: $(du -sh dist/coachdesk | cut -f1) in dist/coachdesk"
echo "package: $(du -h "$DEB" | cut -f1) $DEB"
echo "built in $(( $(date +%s) - started )) s"
