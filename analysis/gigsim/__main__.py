"""``python3 -m gigsim``: the analysis command line (see :mod:`gigsim.cli`)."""

import sys

from gigsim.cli import main

sys.exit(main())
