#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the Maki icons a news map uses as one line each, "NAME PATH-DATA", for
src/render/dl-symbol.c. Maki (github.com/mapbox/maki, npm @mapbox/maki) is CC0 1.0;
every icon is one <path> in a 15×15 view box.

    npm pack @mapbox/maki && tar xzf mapbox-maki-*.tgz
    tools/maki-subset.py package/icons > data/symbols/maki.txt
"""
import re
import sys
import xml.etree.ElementTree as ET

ICONS = """
airfield airport heliport rail rail-metro rail-light bus car fuel ferry harbor bridge dam
hospital doctor pharmacy defibrillator blood-bank police prison fire-station embassy
town-hall school college library museum religious-christian religious-muslim
religious-jewish place-of-worship cemetery monument landmark castle stadium shelter
campsite danger caution roadblock road-accident industry communications-tower
lighthouse city town village home building mountain volcano water farm warehouse
information rocket suitcase globe park cafe restaurant lodging shop bank post
telephone cinema theatre marker star circle square triangle cross heart
""".split()

SVG = "{http://www.w3.org/2000/svg}"


def main():
    folder = sys.argv[1]
    for name in sorted(ICONS):
        root = ET.parse(f"{folder}/{name}.svg").getroot()
        if root.get("viewBox") != "0 0 15 15":
            sys.exit(f"{name}: view box {root.get('viewBox')}, expected 0 0 15 15")
        paths = [e for e in root.iter() if e.tag != SVG + "svg"]
        if len(paths) != 1 or paths[0].tag != SVG + "path" or "transform" in paths[0].attrib:
            sys.exit(f"{name}: not a single untransformed <path>")
        d = re.sub(r"\s+", " ", paths[0].get("d")).strip()
        print(name, d)


if __name__ == "__main__":
    main()
