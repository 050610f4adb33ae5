#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes big generated inputs for the scale benchmark (never committed).

  make-big-story.py points N FILE      N random named points (a plain GeoJSON map)
  make-big-story.py passages N FILE    a story whose ~660 KB article text is quoted by
                                       N events, one passage each
"""
import json
import random
import sys

WORDS = ("the of and to in a is that for on with as by at from river town border "
         "road bridge market camp hill village north south east west council army "
         "convoy reported said told witnesses night morning ceasefire shelling aid "
         "Ḥalab São Tōkyō Kyïv «quoted» “curly” — ").split()


def points(n, path):
    rng = random.Random(17)
    features = []
    for i in range(n):
        features.append({
            "type": "Feature", "id": "p%d" % i,
            "geometry": {"type": "Point",
                         "coordinates": [round(rng.uniform(-170, 170), 5),
                                         round(rng.uniform(-60, 70), 5)]},
            "properties": {"name": "%s %d" % (rng.choice(WORDS).capitalize(), i)},
        })
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f,
                  ensure_ascii=False)


def passages(n, path, size=660_000):
    rng = random.Random(17)
    parts, length = [], 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(12)) + ". "
        parts.append(sentence)
        length += len(sentence.encode())
    text = "".join(parts)
    events, quotes = [], []
    while len(quotes) < n:
        start = rng.randrange(0, len(text) - 80)
        exact = text[start:start + rng.randrange(24, 60)]
        # A quote long enough to occur once; the first occurrence is the only one.
        if text.find(exact) != start or text.find(exact, start + 1) != -1:
            continue
        quotes.append({"exact": exact, "prefix": text[max(0, start - 8):start],
                       "suffix": text[start + len(exact):start + len(exact) + 8]})
    for i, q in enumerate(quotes):
        events.append({"id": "e%d" % i, "title": "Event %d" % i,
                       "when": {"start": "2024-12-08"}, "places": ["here"],
                       "passages": [q]})
    story = {"type": "FeatureCollection",
             "dateline": {"version": 1,
                          "article": {"title": "A long report", "text": text},
                          "events": events},
             "features": [{"type": "Feature", "id": "here",
                           "geometry": {"type": "Point", "coordinates": [36.2, 37.1]},
                           "properties": {"name": "Here"}}]}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(story, f, ensure_ascii=False)


if __name__ == "__main__":
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    {"points": points, "passages": passages}[kind](n, out)
