"""``python -m helpers.data validate [DIR]`` (see :mod:`helpers.data.cli`)."""

from helpers.data.cli import main

raise SystemExit(main())
