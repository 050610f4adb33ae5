#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a translation in po/LINGUAS is invalid, or leaves any current string of the
# sources (po/POTFILES.in) untranslated or fuzzy. The strings are extracted afresh, so a
# string added to the code without a translation is caught before the next msgmerge.
#
# usage: check-translations.sh SOURCE_ROOT
set -eu
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same keywords as meson's i18n 'glib' preset.
xgettext --directory="$root" --files-from="$root/po/POTFILES.in" --output="$tmp/dateline.pot" \
  --from-code=UTF-8 --add-comments --package-name=dateline \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format 2>"$tmp/xgettext.log"

status=0
# A format macro inside _() (G_GSIZE_FORMAT, PRIu64…) cuts the msgid short: xgettext sees
# only the text before the macro, so the string is never found in a catalogue at run time.
if grep -q 'not a valid C format string' "$tmp/xgettext.log"; then
  grep 'not a valid C format string' "$tmp/xgettext.log"
  echo "a format macro (G_GSIZE_FORMAT, G_GINT64_FORMAT, …) inside _() cannot be translated:"
  echo "format the number into a string first, or cast it and use a plain conversion such as %lu"
  status=1
fi
# The same cut, where the string is not in a printf position: a msgid ending in a lone %.
cut=$(awk '/^#:/ { refs = $0 } /^msgid .*[^%]%"$/ { print refs " " $0 }' "$tmp/dateline.pot")
if [ -n "$cut" ]; then
  echo "$cut"
  echo "these msgids end in the middle of a conversion: a format macro inside _() cut them"
  status=1
fi
for lang in $(sed -e 's/#.*//' "$root/po/LINGUAS"); do
  po="$root/po/$lang.po"
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "po/$lang.po: not a valid translation (msgfmt --check)"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/dateline.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  echo "po/$lang.po: $stats"
  case $stats in
    *fuzzy*|*untranslated*)
      echo "po/$lang.po: these strings of the sources have no (or only a fuzzy) translation:"
      for which in --untranslated --only-fuzzy; do
        msgattrib $which --no-wrap "$tmp/$lang.po" | grep '^msgid ' | sed 1d || true
      done
      status=1 ;;
  esac
done
exit $status
