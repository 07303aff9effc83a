"""Static site generator for movement history: events.yaml -> validated model -> Markdown pages."""

from generator.errors import DataError, GeneratorError, OutputError, Problem
from generator.model import Dataset
from generator.render import render_site
from generator.validate import load_dataset, validate
from generator.write import write_pages

__all__ = [
    "DataError",
    "Dataset",
    "GeneratorError",
    "OutputError",
    "Problem",
    "load_dataset",
    "render_site",
    "validate",
    "write_pages",
]
