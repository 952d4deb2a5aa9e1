#!/usr/bin/env bash
# Debian packages for `make bench`: GNU time (peak memory of the window process) and
# LibreOffice Writer (the office-template peer coaches use today).
set -euo pipefail
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Please install these packages: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
