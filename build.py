#!/usr/bin/env python3
"""Build the bilingual briefing site: `python build.py` (build) or `python build.py check`."""

import sys

from briefing.cli import main

if __name__ == "__main__":
    sys.exit(main())
