"""The notebook display, checked in a real Jupyter kernel (nbclient + ipykernel, extra ``test``), and
``import treatyrules`` then ``treatyrules.atop.load(...)`` in a fresh interpreter."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook test needs nbformat: pip install 'treatyrules[test]'")
nbclient = pytest.importorskip("nbclient", reason="the notebook test needs nbclient: pip install 'treatyrules[test]'")
pytest.importorskip("ipykernel", reason="the notebook test needs ipykernel: pip install 'treatyrules[test]'")

CELLS = {
    "corpus": "import treatyrules\nc = treatyrules.load()\nc",
    "statuses": 'c.statuses("1995-01-01", party="PRK")',
    "status": 'c.status("SUN-PRK-1961", "1997-01-01")',
    "obligations": 'c.obligations("2025-01-01")',
    "scenario": 'c.scenario("2025-01-01", "FIN", "RUS")',
    "cascade": 'c.cascade("1960-01-01", attacker="USA", attacked="CHN")',
    "explain": 'from treatyrules.explain import explain\nexplain(c, "CHN-SUN-1950", "1979-06-01")',
    "treaty": 'c.treaty("CHN-SUN-1950")',
    "life": 'c.life("WARSAW-1955")',
    "membership": 'c.life("WARSAW-1955").memberships["ALB"]',
    "panel": 'c.panel("directed-dyad-year", "1990", "1991")',
}
#: the frames cell needs the extras pandas and arrow (absent from a plain test install)
FRAMES = all(importlib.util.find_spec(m) is not None for m in ("pandas", "pyarrow"))
if FRAMES:
    CELLS["frame"] = (
        'import pandas as pd\nc.statuses(pd.Timestamp("1995-01-01")).to_pandas().dtypes.astype(str).to_dict()'
    )


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, Any]]:
    """Each cell's display data, run in one kernel."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS.values()]
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=False)
    client.execute()
    out = {}
    for name, cell in zip(CELLS, nb.cells, strict=True):
        results = [o for o in cell.outputs if o.output_type == "execute_result"]
        assert len(results) == 1, (name, cell.outputs)
        out[name] = dict(results[0].data)
    return out


@pytest.mark.parametrize("name", [n for n in CELLS if n != "frame"])
def test_every_object_shows_a_small_table_and_short_text(outputs: dict[str, dict[str, Any]], name: str) -> None:
    data = outputs[name]
    html, text = data["text/html"], data["text/plain"]
    assert html.startswith("<table>") and "<caption>" in html and len(html) < 60_000
    assert 1 <= len(text.splitlines()) <= 80 and " object at 0x" not in text


def test_what_the_kernel_shows(outputs: dict[str, dict[str, Any]]) -> None:
    assert outputs["corpus"]["text/plain"].startswith("Corpus: 35 treaties over ")
    assert outputs["statuses"]["text/plain"].startswith("Status on 1995-01-01, party PRK: 3 treaties; 3 in_force")
    assert "<th>status</th><th>since</th><th>until</th><th>reason</th>" in outputs["statuses"]["text/html"]
    assert outputs["obligations"]["text/plain"].startswith("Obligations on 2025-01-01: ")
    assert "<th>pairs</th>" in outputs["obligations"]["text/html"]  # grouped by treaty
    assert outputs["treaty"]["text/plain"].startswith('id: "CHN-SUN-1950"')  # its YAML
    assert "<td>terminated</td>" in outputs["membership"]["text/html"]


@pytest.mark.skipif(not FRAMES, reason="frames need the extras pandas and arrow: pip install -e '.[pandas,arrow]'")
def test_frames_in_the_kernel_hold_dates(outputs: dict[str, dict[str, Any]]) -> None:
    dtypes = outputs["frame"]["text/plain"]
    assert "'date': 'date32[day][pyarrow]'" in dtypes and "'since': 'date32[day][pyarrow]'" in dtypes
    assert "object" not in dtypes


def test_atop_is_reachable_after_import_treatyrules() -> None:
    """The README's ``treatyrules.atop.load(dir)`` with only ``import treatyrules`` (a fresh process)."""
    code = "import treatyrules, sys; print(callable(treatyrules.atop.load), 'treatyrules.atop' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["True", "True"]
