"""The hand-written pandas way: expand ATOP's member file into a directed dyad-year panel.

Merge members with members on alliance and phase, keep pairs whose years overlap, explode the
overlapping years, then group by (ccode1, ccode2, year) taking the max of each obligation.
Usage: python bench/pandas_ddyr.py ATOP_DIR OUT.csv
"""

from __future__ import annotations

import sys

import pandas as pd

KINDS = ["defense", "offense", "neutral", "nonagg", "consul"]


def main(data_dir: str, out: str) -> None:
    m = pd.read_csv(f"{data_dir}/atop5_1m.csv", usecols=["atopid", "member", "phase", "yrent", "yrexit", *KINDS])
    m["yrexit"] = m["yrexit"].where(m["yrexit"] != 0, 2018)
    a = m.rename(columns={"member": "ccode1", "yrent": "ent1", "yrexit": "exit1"})
    b = m[["atopid", "phase", "member", "yrent", "yrexit"]].rename(
        columns={"member": "ccode2", "yrent": "ent2", "yrexit": "exit2"}
    )
    d = a.merge(b, on=["atopid", "phase"])
    d = d[d["ccode1"] != d["ccode2"]]
    d["y0"] = d[["ent1", "ent2"]].max(axis=1)
    d["y1"] = d[["exit1", "exit2"]].min(axis=1)
    d = d[d["y0"] <= d["y1"]]
    d = d[d[KINDS].sum(axis=1) > 0]
    d["year"] = [list(range(s, e + 1)) for s, e in zip(d["y0"], d["y1"], strict=True)]
    d = d.explode("year")
    d["year"] = d["year"].astype(int)
    d = d[(d["year"] >= 1815) & (d["year"] <= 2018)]
    out_df = d.groupby(["ccode1", "ccode2", "year"], sort=True)[KINDS].max().reset_index()
    out_df.to_csv(out, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
