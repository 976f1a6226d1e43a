"""The pygame-ce canvas player (desktop and pygbag), kiosk mode and the pygbag build.

Entry points (argparse inside, called by engine.cli):
  engine.desktop.app.main(argv)          testdrive play SIM --desktop / testdrive desktop
  engine.desktop.kiosk.main(argv)        testdrive kiosk
  engine.desktop.pygbag_build.main(argv) testdrive build pygbag
"""

import os as _os

_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
