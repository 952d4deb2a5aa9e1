#!/usr/bin/env bash
# Installs the Debian packages CoachDesk's tests and tools use, where they are missing:
# poppler (pdftotext, pdfsig, pdftoppm) and qpdf check exported PDFs as a reader would;
# Qt's offscreen and xcb platforms need a few shared libraries; Xvfb takes screenshots.
set -euo pipefail
need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
# Tesseract reads back what the viewer printed (a printed page is an image, not text).
command -v tesseract >/dev/null || need+=(tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
# A private session bus lets the tests check locking on a screen-saver signal.
command -v dbus-daemon >/dev/null || need+=(dbus-daemon)
command -v dbus-send >/dev/null || need+=(dbus-bin)
ldconfig -p | grep -q 'libEGL.so.1' || need+=(libegl1)
ldconfig -p | grep -q 'libxkbcommon.so.0' || need+=(libxkbcommon0)
ldconfig -p | grep -q 'libfontconfig.so.1' || need+=(libfontconfig1)
ldconfig -p | grep -q 'libGL.so.1' || need+=(libgl1)
ldconfig -p | grep -q 'libxkbcommon-x11.so.0' || need+=(libxkbcommon-x11-0)
ldconfig -p | grep -q 'libxcb-cursor.so.0' || need+=(libxcb-cursor0)
ldconfig -p | grep -q 'libdbus-1.so.3' || need+=(libdbus-1-3)
ldconfig -p | grep -q 'libxcb-icccm.so.4' || need+=(libxcb-icccm4)
ldconfig -p | grep -q 'libxcb-keysyms.so.1' || need+=(libxcb-keysyms1)
ldconfig -p | grep -q 'libxcb-image.so.0' || need+=(libxcb-image0)
ldconfig -p | grep -q 'libxcb-render-util.so.0' || need+=(libxcb-render-util0)
ldconfig -p | grep -q 'libxcb-shape.so.0' || need+=(libxcb-shape0)
ldconfig -p | grep -q 'libxcb-randr.so.0' || need+=(libxcb-randr0)
ldconfig -p | grep -q 'libxcb-xfixes.so.0' || need+=(libxcb-xfixes0)
ldconfig -p | grep -q 'libxcb-xinerama.so.0' || need+=(libxcb-xinerama0)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Please install these packages: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
