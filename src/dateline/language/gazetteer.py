"""The offline gazetteer: name normalisation, loading and lookup.

The compiled gazetteer (`data/gazetteer/gazetteer.npz`, built by
`tools/build_gazetteer.py`) holds one row per place and one entry per distinct
*name key* of a place. A name key folds away what transliteration and house
style change while the place stays the same:

    Deir al-Zor, Deir ez-Zor, Dayr az Zawr, Deir Al Zor   -> "derzor"
    Albu Kamal, Abu Kamal, Al Bukamal                     -> "bukamal"
    Hasaka, Hasakah, Al-Hasakah, Al-Hasakeh               -> "hasaka"

Articles (al-, el-, ad-, ar-, as-, ash-, az- ...), accents, apostrophes and
ayn/hamza marks, hyphens and spaces, doubled letters, a final -h, and common
vowel spellings (ei/ai/ay, aw/o, ou/u, q/k, gh/g) are folded. Generic admin
words ("governorate", "province") are dropped from names, so "Idlib
Governorate" shares a key with "Idlib"; the text's own suffix is what tells
a province from its town (see places.py).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import vocab

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"
GAZ_PATH = DATA_DIR / "gazetteer.npz"

# The words folding reads (data/en/: what each is and why, in its description).
ARTICLES = vocab.words("transliterated_articles")
ADMIN_WORDS = vocab.words("admin_unit_words")
ABU_FORMS = vocab.words("abu_forms")

_APOSTROPHES = "'’‘ʼʻʿʾ`´′ʹ"
_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
        "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
        "þ": "th", "ð": "d", **{c: "" for c in _APOSTROPHES},
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Vowel spellings that differ between transliteration schemes, applied in order.
_VOWELS = [
    ("ou", "u"), ("oo", "u"), ("ee", "i"), ("ei", "e"), ("ai", "e"), ("ay", "e"),
    ("ey", "e"), ("aw", "o"), ("ow", "o"), ("q", "k"), ("gh", "g"), ("kh", "k"),
    ("dh", "d"), ("ph", "f"), ("ck", "k"),
]
_DOUBLE = re.compile(r"(.)\1+")


def fold(text: str) -> str:
    """Lower case ASCII words: accents and apostrophes removed, punctuation to spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL)).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", text.lower()).strip()


_DROPPED = ARTICLES | ADMIN_WORDS


def _fold_word(word: str) -> str:
    if word in ABU_FORMS:
        return "bu"
    if len(word) >= 6 and word.startswith(("albu", "abu")):  # "Abukamal", "Albukamal"
        word = "bu" + word[4 if word.startswith("albu") else 3 :]
    if len(word) > 3 and word[-1] == "h":  # Raqqah, Hasakeh
        if word[-2] == "e":
            return word[:-2] + "a"
        if word[-2] in "aiou":
            return word[:-1]
    return word


def name_tokens(text: str) -> list[str]:
    """Folded words of a name with articles and admin words dropped."""
    words = fold(text).split()
    kept = [w for w in words if w not in _DROPPED]
    if not kept:  # a name made only of particles ("El") stays itself
        kept = [w for w in words if w not in ADMIN_WORDS] or words
    return kept


@lru_cache(maxsize=200_000)  # the same names recur in every article, and resolution asks again
def name_key(text: str) -> str:
    """The lookup key of a name (see the module docstring)."""
    joined = "".join([_fold_word(w) for w in name_tokens(text)])
    for old, new in _VOWELS:
        if old in joined:
            joined = joined.replace(old, new)
    return _DOUBLE.sub(r"\1", joined)


def skeleton(key: str) -> str:
    """Consonant skeleton of a key, for spellings the key does not unite
    ("Dayr Az Zayr" for Dayr az Zawr): first letter kept, then no vowels, w or y."""
    if not key:
        return key
    rest = re.sub(r"[aeiouwy]", "", key[1:])
    return _DOUBLE.sub(r"\1", key[0] + rest)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# Feature classes, coarsest first. Used to tell a country from a province
# from a town when several share a key.
ADMIN_FEATURES = frozenset({"province", "district", "subdistrict", "state"})
AREA_FEATURES = frozenset({"country", "continent", "region", "sea", "river"}) | ADMIN_FEATURES

# flags
DATELINE_ONLY = 1  # a name that is a place only as a dateline ("UNITED NATIONS")
HISTORIC = 2  # abandoned or superseded settlement
CAPITAL = 4  # a country's capital


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    name: str
    latitude: float | None
    longitude: float | None
    country_code: str | None
    feature: str
    population: int | None
    admin1: str | None
    admin2: str | None
    geonameid: int | None
    source: str
    flags: int

    @property
    def is_area(self) -> bool:
        return self.feature in AREA_FEATURES

    def km_to(self, other: "Place") -> float | None:
        if None in (self.latitude, self.longitude, other.latitude, other.longitude):
            return None
        return distance_km(self.latitude, self.longitude, other.latitude, other.longitude)


FORMAT = 2
SEAT_MAX_KM = 250  # a province's seat lies inside it: farther is a namesake unit elsewhere


def key_hash(key: str) -> int:
    """64-bit hash of a name key: the compiled file stores hashes, not the keys."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


_NULL_COORD = -(2**31)
_MEMO_MAX = 200_000  # names remembered per lookup table; a long run starts afresh past it


def _remember(memo: dict, name: str, found: tuple) -> None:
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[name] = found


class Gazetteer:
    """Read-only access to the compiled gazetteer (`gazetteer.npz`, see tools/build_gazetteer.py).

    The file is a zip of numpy arrays: place columns, a sorted array of 64-bit
    name-key hashes with the place each belongs to, and the same for consonant
    skeletons. Loading it reads about 25 MB and takes a fraction of a second.

    `exclude_sources` hides places from named sources (for example "ucdp-iq"),
    so a benchmark can measure on data whose names were not put in.
    """

    def __init__(self, path: Path | str = GAZ_PATH, exclude_sources: tuple[str, ...] = ()):
        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"{path}: compiled gazetteer missing; run tools/build_gazetteer.py")
        self.path = path
        with np.load(path, allow_pickle=False) as z:
            a = {k: z[k] for k in z.files}
        self.meta = json.loads(bytes(a["meta"]).decode("utf-8"))
        if self.meta.get("format") != FORMAT:
            raise ValueError(f"{path}: gazetteer format {self.meta.get('format')}, expected {FORMAT}; rebuild it")
        self._names = bytes(a["names"]).decode("utf-8").split("\n")
        self._strings = [None, *bytes(a["strings"]).decode("utf-8").split("\n")]
        self._lat, self._lon = a["lat"], a["lon"]
        self._pop, self._gid = a["population"], a["geonameid"]
        self._cc, self._feature, self._source = a["cc"], a["feature"], a["source"]
        self._flags, self._admin1, self._admin2 = a["flags"], a["admin1"], a["admin2"]
        self._key_hash, self._key_place = a["key_hash"], a["key_place"]
        self._skel_hash, self._skel_place = a["skel_hash"], a["skel_place"]
        self._codes = {name: self.meta[name] for name in ("cc", "feature", "source")}
        self._exclude = frozenset(exclude_sources)
        self._places: dict[int, Place] = {}
        self._countries: dict[str, Place] = {}
        self._seats: dict[tuple[str, str], list[int]] | None = None
        self._parts: dict[tuple[str, str], tuple[float, float] | None] = {}
        self._capitals: dict[str, Place] | None = None
        # name -> places, for lookup and lookup_skeleton: the same names recur in every article
        self._found: dict[str, tuple[Place, ...]] = {}
        self._found_skeleton: dict[str, tuple[Place, ...]] = {}
        country_code = self._codes["feature"].index("country")
        for idx in np.flatnonzero(self._feature == country_code):
            place = self.get(int(idx))
            if place is not None:
                self._countries.setdefault(place.country_code, place)

    def __len__(self) -> int:
        return len(self._names)

    def get(self, idx: int) -> Place | None:
        """The place with this index, or None when its source is excluded."""
        place = self._places.get(idx)
        if place is None:
            lat, lon = int(self._lat[idx]), int(self._lon[idx])
            pop, gid = int(self._pop[idx]), int(self._gid[idx])
            place = Place(
                id=idx,
                name=self._names[idx],
                latitude=None if lat == _NULL_COORD else lat / 1e4,
                longitude=None if lon == _NULL_COORD else lon / 1e4,
                country_code=self._codes["cc"][self._cc[idx]] or None,
                feature=self._codes["feature"][self._feature[idx]],
                population=pop if pop > 0 else None,
                admin1=self._strings[self._admin1[idx]],
                admin2=self._strings[self._admin2[idx]],
                geonameid=gid or None,
                source=self._codes["source"][self._source[idx]],
                flags=int(self._flags[idx]),
            )
            self._places[idx] = place
        return None if place.source in self._exclude else place

    def _by_hash(self, hashes: np.ndarray, owners: np.ndarray, key: str) -> tuple[Place, ...]:
        if not key:
            return ()
        h = np.uint64(key_hash(key))
        lo = int(np.searchsorted(hashes, h, side="left"))
        hi = int(np.searchsorted(hashes, h, side="right"))
        found = (self.get(int(i)) for i in owners[lo:hi])
        return tuple(p for p in found if p is not None)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Places whose name key equals the key of `name`."""
        found = self._found.get(name)
        if found is None:
            found = self._by_hash(self._key_hash, self._key_place, name_key(name))
            _remember(self._found, name, found)
        return found

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        return self._by_hash(self._key_hash, self._key_place, key)

    def lookup_skeleton(self, name: str) -> tuple[Place, ...]:
        """Places whose consonant skeleton equals that of `name` (loose: check before use)."""
        found = self._found_skeleton.get(name)
        if found is None:
            skel = skeleton(name_key(name))
            found = self._by_hash(self._skel_hash, self._skel_place, skel) if len(skel) >= 4 else ()
            _remember(self._found_skeleton, name, found)
        return found

    def abbreviation(self, written: str) -> tuple[Place, ...]:
        """The states or provinces an abbreviation names when it follows a town and a
        comma ("Tulsa, Okla.", "Dublin, OH"): exact written form, period included."""
        found = (self.get(int(i)) for i in self.meta.get("abbreviations", {}).get(written.strip(), ()))
        return tuple(p for p in found if p is not None)

    def seat(self, unit: Place | dict) -> Place | None:
        """The largest town of a province or state (its seat, as a rule): where ACLED puts an
        event the text places only in the province (geo_precision 3), rather than the unit's
        middle, which may be empty desert. Towns are matched by the unit's admin1 name key, in
        its country and within SEAT_MAX_KM of the unit's point (a guard against namesakes)."""
        get = unit.get if isinstance(unit, dict) else lambda k: getattr(unit, k)
        cc, admin1, lat, lon = get("country_code"), get("admin1"), get("latitude"), get("longitude")
        if not cc or not admin1 or lat is None or lon is None:
            return None
        if self._seats is None:
            self._seats = self._build_seats()
        for idx in self._seats.get((cc, name_key(admin1)), ()):
            town = self.get(idx)
            if town is not None and distance_km(lat, lon, town.latitude, town.longitude) <= SEAT_MAX_KM:
                return town
        return None

    def _build_seats(self) -> dict[tuple[str, str], list[int]]:
        """(country, admin1 key) -> its towns, largest first."""
        wanted = [self._codes["feature"].index(f) for f in ("city", "town") if f in self._codes["feature"]]
        rows = np.flatnonzero(np.isin(self._feature, wanted) & (self._pop > 0) & (self._admin1 > 0) & (self._lat != _NULL_COORD))
        rows = rows[np.argsort(-self._pop[rows], kind="stable")]
        keys: dict[int, str] = {}
        seats: dict[tuple[str, str], list[int]] = {}
        for idx in rows.tolist():
            a1 = int(self._admin1[idx])
            if a1 not in keys:
                keys[a1] = name_key(self._strings[a1])
            seats.setdefault((self._codes["cc"][self._cc[idx]], keys[a1]), []).append(idx)
        return seats

    def part_of_country(self, iso2: str | None, part: str) -> tuple[float, float] | None:
        """The middle of a part of a country ("northern Iraq": `part` "n"; "se", "c" ...): the
        median of the seats of its provinces whose points lie in that outer third of the span
        of the country's province points (the middle third, for "c"; both thirds for "ne").
        An event placed only so stands nearer where it was than at the country's point.
        None for a country of fewer than three seated provinces or an empty part."""
        if not iso2:
            return None
        if (iso2, part) not in self._parts:
            self._parts[(iso2, part)] = self._part_point(iso2, part)
        return self._parts[(iso2, part)]

    def _part_point(self, iso2: str, part: str) -> tuple[float, float] | None:
        codes = self._codes
        if iso2 not in codes["cc"] or "province" not in codes["feature"]:
            return None
        rows = np.flatnonzero((self._cc == codes["cc"].index(iso2)) & (self._feature == codes["feature"].index("province"))
                              & (self._lat != _NULL_COORD))
        units = []
        for idx in rows.tolist():
            unit = self.get(idx)
            seat = self.seat(unit) if unit is not None else None
            if seat is not None:
                units.append((unit.latitude, unit.longitude, seat.latitude, seat.longitude))
        if len(units) < 3:
            return None
        lats, lons = [u[0] for u in units], [u[1] for u in units]
        lat1, lat2 = min(lats) + (max(lats) - min(lats)) / 3, max(lats) - (max(lats) - min(lats)) / 3
        lon1, lon2 = min(lons) + (max(lons) - min(lons)) / 3, max(lons) - (max(lons) - min(lons)) / 3
        tests = {"n": lambda u: u[0] >= lat2, "s": lambda u: u[0] <= lat1, "e": lambda u: u[1] >= lon2,
                 "w": lambda u: u[1] <= lon1, "c": lambda u: lat1 < u[0] < lat2 and lon1 < u[1] < lon2}
        inside = [u for u in units if all(tests[p](u) for p in part if p in tests)]
        if not inside:
            return None
        return float(np.median([u[2] for u in inside])), float(np.median([u[3] for u in inside]))

    def capital(self, iso2: str | None) -> Place | None:
        """The country's capital (GeoNames' PPLC; the most populous, should there be two)."""
        if self._capitals is None:
            self._capitals = {}
            for idx in np.flatnonzero(self._flags & CAPITAL).tolist():
                place = self.get(idx)
                if place is not None and place.country_code and (
                        (place.population or 0) > (self._capitals.get(place.country_code, place).population or 0)
                        or place.country_code not in self._capitals):
                    self._capitals[place.country_code] = place
        return self._capitals.get(iso2) if iso2 else None

    def country(self, iso2: str | None) -> Place | None:
        return self._countries.get(iso2) if iso2 else None

    def countries(self) -> dict[str, Place]:
        return dict(self._countries)

    def country_names(self, iso2: str | None) -> tuple[str, ...]:
        """The names and aliases a country is known by ("Britain", "U.K.", "United Kingdom")."""
        return tuple(self.meta.get("country_names", {}).get(iso2 or "", ()))

    def neighbours(self, iso2: str | None) -> frozenset[str]:
        """Countries sharing a land border with `iso2` (GeoNames)."""
        return frozenset(self.meta.get("neighbours", {}).get(iso2 or "", ()))


_GAZ: Gazetteer | None = None
_GAZ_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded once."""
    global _GAZ
    with _GAZ_LOCK:
        if _GAZ is None:
            _GAZ = Gazetteer()
        return _GAZ
