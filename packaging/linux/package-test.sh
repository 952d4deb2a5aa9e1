#!/usr/bin/env bash
# Install the built Debian package, prove it works, remove it: her vault must survive.
# Run by `make package-test` (as root, as CI and this machine run).
set -euo pipefail
cd "$(dirname "$0")/../.."
DEB=$(ls -t dist/coachdesk_*.deb 2>/dev/null | head -1 || true)
if [ -z "$DEB" ]; then
    echo "No package in dist/: run make package first." >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
fail() { echo "package-test: $*" >&2; exit 1; }

# A coach with a vault of her own, made before the install.
HOME_DIR=$(mktemp -d)
trap 'rm -rf "$HOME_DIR"' EXIT
export HOME="$HOME_DIR" XDG_DATA_HOME="$HOME_DIR/data" XDG_CONFIG_HOME="$HOME_DIR/config"
export COACHDESK_PASSPHRASE="Paket-Test im Müttercafé 2026!"
VAULT="$XDG_DATA_HOME/CoachDesk/vault"

$SUDO dpkg -i "$DEB" >/dev/null
[ -x /usr/bin/coachdesk ] || fail "no /usr/bin/coachdesk after dpkg -i"
[ -f /usr/share/applications/de.coachdesk.CoachDesk.desktop ] || fail "no desktop entry"
[ -f /usr/share/icons/hicolor/256x256/apps/coachdesk.png ] || fail "no icon"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate /usr/share/applications/de.coachdesk.CoachDesk.desktop
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic /usr/share/metainfo/de.coachdesk.CoachDesk.metainfo.xml \
        >/dev/null || appstreamcli validate --no-net /usr/share/metainfo/de.coachdesk.CoachDesk.metainfo.xml
fi

# No network module in the bundle.
if find /opt/coachdesk \( -iname '*QtNetwork*' -o -iname '*Qt6Network*' \) | grep -q .; then
    fail "the bundle contains QtNetwork"
fi

/usr/bin/coachdesk --version
/usr/bin/coachdesk init "$VAULT" >/dev/null
/usr/bin/coachdesk demo "$HOME_DIR/demo" --participants 12 >/dev/null
before=$(cd "$VAULT" && find . -type f ! -name '*.lock' -exec sha256sum {} + | sort)

echo "== self-test in the installed app"
QT_QPA_PLATFORM=offscreen /usr/bin/coachdesk self-test --window
QT_QPA_PLATFORM=offscreen /usr/bin/coachdesk --lang de self-test | tail -1

echo "== the installed window on a demo vault: unlock by typing, quit with Ctrl+Q"
.venv/bin/python -m benchmarks.frozen_start /usr/bin/coachdesk "$HOME_DIR/demo"
echo "== the same from source, for comparison"
.venv/bin/python -m benchmarks.frozen_start .venv/bin/coachdesk "$HOME_DIR/demo"

$SUDO dpkg -r coachdesk >/dev/null
[ ! -e /opt/coachdesk ] || fail "/opt/coachdesk is still there after dpkg -r"
[ ! -e /usr/bin/coachdesk ] || fail "/usr/bin/coachdesk is still there after dpkg -r"
after=$(cd "$VAULT" && find . -type f ! -name '*.lock' -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "removing the package changed her vault"
echo "package-test: installed, self-tested, window opened, removed; her vault is untouched"
