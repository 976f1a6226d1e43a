"""The browser player's pure modules under Node's own test runner: `node --test tests/js/`
(i18n, store, engine-client with a fake worker, the build's first-scene rendering and
the activity registry on its small DOM)."""
from __future__ import annotations

import re
import subprocess

from webtools import ROOT, require_node


def test_node_unit_tests_pass():
    require_node()
    proc = subprocess.run(["node", "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    ran = re.search(r"^# tests (\d+)$", proc.stdout, re.M)
    assert ran and int(ran.group(1)) >= 10, "node found no tests under tests/js/"
    assert re.search(r"^# fail 0$", proc.stdout, re.M)
