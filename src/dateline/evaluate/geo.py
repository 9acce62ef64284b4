"""Distances between coordinates, for the place conditions of the scorer."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def coordinates(item: dict) -> tuple[float, float] | None:
    """(latitude, longitude) of an item, or None when either is missing or not a number."""
    lat, lon = item.get("latitude"), item.get("longitude")
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return float(lat), float(lon)


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_km(pred: dict, gold: dict) -> float | None:
    """Distance between two items' coordinates; None when either has none."""
    a, b = coordinates(pred), coordinates(gold)
    return haversine_km(a, b) if a and b else None
