import sys

from oneonone.cli import main

sys.exit(main())
