#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a temporary DESTDIR and checks what a distribution would ship:
# the binary, desktop file, metainfo, icons, schema and translations; then runs the
# installed app (its --version, --check of a story, and, with a display, the window for
# a few seconds without a warning).
#
# usage: check-install.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID
set -eu
meson=$1 build=$2 source=$3 prefix=$4 bindir=$5 datadir=$6 localedir=$7 app_id=$8
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
status=0

"$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$dest/install.log" 2>&1 || {
  cat "$dest/install.log"; echo "meson install failed"; exit 1; }

root=$dest$prefix
case $bindir in /*) bin=$dest$bindir ;; *) bin=$root/$bindir ;; esac
case $datadir in /*) data=$dest$datadir ;; *) data=$root/$datadir ;; esac
case $localedir in /*) locale=$dest$localedir ;; *) locale=$root/$localedir ;; esac

expect () {
  if [ -f "$1" ]; then echo "ok: ${1#$dest}"; else echo "MISSING: ${1#$dest}"; status=1; fi
}
expect "$bin/dateline"
expect "$data/applications/$app_id.desktop"
expect "$data/metainfo/$app_id.metainfo.xml"
expect "$data/icons/hicolor/scalable/apps/$app_id.svg"
expect "$data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
expect "$data/glib-2.0/schemas/$app_id.gschema.xml"
for lang in $(sed -e 's/#.*//' "$source/po/LINGUAS"); do
  expect "$locale/$lang/LC_MESSAGES/dateline.mo"
done
[ $status = 0 ] || exit 1

# The desktop file launches the installed binary with the installed icon.
grep -q '^Exec=dateline ' "$data/applications/$app_id.desktop" || { echo "Exec is not dateline"; exit 1; }
grep -q "^Icon=$app_id\$" "$data/applications/$app_id.desktop" || { echo "Icon is not $app_id"; exit 1; }
grep -q '^MimeType=application/geo+json;' "$data/applications/$app_id.desktop" || {
  echo "the desktop file does not open GeoJSON"; exit 1; }

mkdir "$dest/schemas"
glib-compile-schemas --strict --targetdir="$dest/schemas" "$data/glib-2.0/schemas"

version=$("$bin/dateline" --version)
echo "installed: $version"
case $version in "dateline "*) ;; *) echo "unexpected --version output"; exit 1 ;; esac

for story in "$source"/data/stories/*.geojson; do
  [ -f "$story" ] || continue
  "$bin/dateline" --check "$story" || { echo "the installed app rejects $story"; exit 1; }
done

if [ -n "${DISPLAY:-}" ]; then
  # The window must stay up (timeout ends it: 124) and print no warning or critical.
  rc=0
  env GSETTINGS_SCHEMA_DIR="$dest/schemas" GSETTINGS_BACKEND=memory GTK_A11Y=none \
      XDG_DATA_DIRS="$data:${XDG_DATA_DIRS:-/usr/share}" G_DEBUG=fatal-criticals \
      timeout 5 "$bin/dateline" >"$dest/run.log" 2>&1 || rc=$?
  cat "$dest/run.log"
  if [ $rc != 124 ]; then echo "the installed app exited early (status $rc)"; exit 1; fi
  if grep -qE 'CRITICAL|WARNING' "$dest/run.log"; then echo "the installed app warned"; exit 1; fi
  echo "ok: the installed app ran for 5 s"
else
  echo "no DISPLAY: the window was not started"
fi
