"""A small sample corpus shipped with dateline, written by the project in its own words
from public facts, in the raw-dump shape of scraped wire copy (title, caption, byline,
dateline, body, credits)."""

from pathlib import Path

SAMPLE_CORPUS = Path(__file__).with_name("corpus.txt")
