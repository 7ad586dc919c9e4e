"""`python -m psoasguide`."""

from .cli import run

run()
