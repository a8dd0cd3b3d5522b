import sys

from chengyu.cli import main

sys.exit(main())
