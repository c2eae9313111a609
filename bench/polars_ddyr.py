"""The polars way an analyst would write it: expand ATOP's member file into a directed dyad-year panel.

Lazy scan of the member file, self-join on alliance and phase, keep pairs whose years overlap,
``int_ranges`` + explode over the overlapping years, then group by (ccode1, ccode2, year) taking
the max of each obligation. A speed baseline (it applies no exit days, hand-offs or phase years).
Usage: python bench/polars_ddyr.py ATOP_DIR OUT.csv
"""

from __future__ import annotations

import sys

import polars as pl

KINDS = ["defense", "offense", "neutral", "nonagg", "consul"]


def expand(data_dir: str) -> pl.DataFrame:
    """The 1815-2018 directed dyad-year panel, in this process."""
    m = pl.scan_csv(f"{data_dir}/atop5_1m.csv").select(
        "atopid",
        "member",
        "phase",
        "yrent",
        pl.when(pl.col("yrexit") == 0).then(2018).otherwise(pl.col("yrexit")).alias("yrexit"),
        *KINDS,
    )
    b = m.select("atopid", "phase", pl.col("member").alias("ccode2"), pl.col("yrent").alias("ent2"), "yrexit")
    pairs = (
        m.rename({"member": "ccode1"})
        .join(b.rename({"yrexit": "exit2"}), on=["atopid", "phase"])
        .filter(pl.col("ccode1") != pl.col("ccode2"))
        .with_columns(y0=pl.max_horizontal("yrent", "ent2"), y1=pl.min_horizontal("yrexit", "exit2"))
        .filter((pl.col("y0") <= pl.col("y1")) & (pl.sum_horizontal(KINDS) > 0))
    )
    years = pairs.with_columns(year=pl.int_ranges("y0", pl.col("y1") + 1)).explode("year")
    years = years.filter(pl.col("year").is_between(1815, 2018))
    panel = years.group_by("ccode1", "ccode2", "year").agg(pl.col(KINDS).max())
    return panel.sort("ccode1", "ccode2", "year").collect()


def main(data_dir: str, out: str) -> None:
    expand(data_dir).write_csv(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
