"""`python build.py`: build the site in this folder with the default settings."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from psoasguide.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", "--root", str(Path(__file__).resolve().parent), *sys.argv[1:]]))
