#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a user-visible string in a GtkBuilder file (ui/*.ui) is not marked for
translation: labels, titles, tooltips, placeholders, menu labels and accessible names must
carry translatable="yes" (or a deliberate translatable="no").

usage: check-ui-strings.py SOURCE_ROOT
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()

VISIBLE = {'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup',
           'placeholder-text', 'description', 'text', 'heading', 'body',
           'primary-text', 'secondary-text', 'accept-label', 'cancel-label',
           'button-label', 'placeholder', 'name-label'}
# Values a translator has nothing to do with: numbers, punctuation, format-free symbols.
NOTHING_TO_TRANSLATE = re.compile(r'^[\s\d\W]*$')


def problems(path):
    tree = ET.parse(path)
    for elem in tree.iter():
        if elem.tag not in ('property', 'attribute', 'item'):
            continue
        if elem.tag != 'item' and elem.get('name') not in VISIBLE:
            continue
        if elem.tag == 'item' and len(elem) > 0:
            continue  # a <menu> <item> with attributes, not a GtkStringList item
        value = (elem.text or '').strip()
        if not value or NOTHING_TO_TRANSLATE.match(value):
            continue
        if elem.get('translatable') in ('yes', 'true', '1', 'no', 'false', '0'):
            continue
        if elem.get('bind-source') is not None:
            continue
        name = elem.get('name') or elem.tag
        yield f'{path.relative_to(root)}: {elem.tag} "{name}" = "{value}" is not marked translatable="yes"'


failed = False
for path in sorted(root.glob('ui/**/*.ui')):
    for message in problems(path):
        print(message)
        failed = True

sys.exit(1 if failed else 0)
