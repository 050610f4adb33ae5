#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes big generated inputs for the scale benchmark (never committed).

  make-big-story.py points N FILE      N random named points (a plain GeoJSON map)
  make-big-story.py passages N FILE    a story whose ~660 KB article text is quoted by
                                       N events, one passage each
  make-big-story.py events N FILE      a story of N events at N/50 places (one place,
                                       "hub", has a tenth of them), six actors, a
                                       passage for each of the first 10,000 events
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


def events(n, path):
    rng = random.Random(17)
    n_places = max(300, n // 50)
    n_quoted = min(n, 10_000)
    actors = [{"id": "a%d" % i, "name": name, "color": color}
              for i, (name, color) in enumerate([
                  ("Army", "#c0392b"), ("Rebels", "#2471a3"), ("Police", "#1e8449"),
                  ("Council", "#8e44ad"), ("Aid agency", "#d35400"), ("Press", "#566573")])]
    # paragraphs of ten reports: GtkTextBuffer tags a line in time that grows with the
    # line, and one 400 KB line would make every tint cost 10 ms
    text = "".join("Report %d: %s.%s" % (i, " ".join(rng.choice(WORDS[:30])
                                                      for _ in range(6)),
                                          "\n" if i % 10 == 9 else " ")
                   for i in range(n_quoted))
    evs = []
    for i in range(n):
        place = "hub" if i % 10 == 0 else "p%d" % rng.randrange(n_places)
        ev = {"id": "e%d" % i,
              "title": "%s %s %d" % (rng.choice(WORDS[:30]).capitalize(),
                                     rng.choice(WORDS[30:45]), i),
              "when": {"start": "20%02d-%02d-%02d" % (rng.randrange(0, 25),
                                                      rng.randrange(1, 13),
                                                      rng.randrange(1, 29))},
              "places": [{"place": place}],
              "actors": [{"actor": "a%d" % rng.randrange(len(actors))}
                         for _ in range(rng.randrange(1, 3))]}
        if i < n_quoted:
            ev["passages"] = [{"exact": "Report %d:" % i}]
        evs.append(ev)
    features = [{"type": "Feature", "id": "hub",
                 "geometry": {"type": "Point", "coordinates": [36.2, 37.1]},
                 "properties": {"name": "Hub"}}]
    for i in range(n_places):
        features.append({
            "type": "Feature", "id": "p%d" % i,
            "geometry": {"type": "Point",
                         "coordinates": [round(rng.uniform(-170, 170), 5),
                                         round(rng.uniform(-60, 70), 5)]},
            "properties": {"name": "%s %d" % (rng.choice(WORDS).capitalize(), i)}})
    story = {"type": "FeatureCollection",
             "dateline": {"version": 1,
                          "article": {"title": "A year of events", "text": text},
                          "actors": actors, "events": evs},
             "features": features}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(story, f, ensure_ascii=False)


if __name__ == "__main__":
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    {"points": points, "passages": passages, "events": events}[kind](n, out)
