"""The language layer: actors, places, dates, quotes and figures (spaCy components)."""

from .pipeline import annotate, build_pipeline, load_pipeline

__all__ = ["annotate", "build_pipeline", "load_pipeline"]
