"""dateline: structured, geolocated, time-stamped conflict event data from news text."""

from .errors import InputError
from .record import Article
from .run import extract, run_extract

__all__ = ["Article", "InputError", "extract", "run_extract"]
__version__ = "0.1.0"
