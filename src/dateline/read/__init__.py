"""Reading: any input a user has, into clean article records (text parts only)."""

from ..errors import InputError
from .sources import ReadReport, read_dated, read_inputs, read_string

__all__ = ["InputError", "ReadReport", "read_dated", "read_inputs", "read_string"]
