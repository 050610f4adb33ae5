#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in, or when
POTFILES.in names a file that does not exist (xgettext would then fail).

usage: check-potfiles.py SOURCE_ROOT
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()

# A gettext call in C: _(), N_(), C_(), NC_(), Q_(), ngettext() and the g_d*gettext family.
C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dn?gettext|g_dpgettext2?)\s*\(')
# C comments and string/char literals, removed before looking for markers.
C_NOISE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.I)


def translatable(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    name = path.name
    if name.endswith(('.c', '.h')):
        return C_MARKER.search(C_NOISE.sub(' ', text)) is not None
    if name.endswith('.ui'):
        return UI_MARKER.search(text) is not None
    if name.endswith('.gschema.xml'):
        return 'gettext-domain' in text and '<summary' in text
    # desktop.in, metainfo.xml.in: merged with the translations by i18n.merge_file.
    return name.endswith(('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in'))


def candidates():
    for pattern in ('src/**/*.c', 'src/**/*.h', 'ui/**/*.ui', 'data/*.in',
                    'data/*.gschema.xml'):
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                yield path


listed = []
for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
    line = line.strip()
    if line and not line.startswith('#'):
        listed.append(line)

failed = False
for entry in listed:
    if not (root / entry).is_file():
        print(f'po/POTFILES.in: {entry}: no such file (remove it from POTFILES.in)')
        failed = True

listed_set = set(listed)
for path in candidates():
    rel = path.relative_to(root).as_posix()
    if rel not in listed_set and translatable(path):
        print(f'{rel}: has translatable strings but is missing from po/POTFILES.in')
        failed = True

if len(listed) != len(listed_set):
    print('po/POTFILES.in: lists a file more than once')
    failed = True

if failed:
    sys.exit(1)
print(f'po/POTFILES.in: complete ({len(listed)} files)')
