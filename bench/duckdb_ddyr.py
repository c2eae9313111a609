"""The DuckDB way an analyst would write it: the ATOP member file to a directed dyad-year panel in SQL.

A self-join on alliance and phase, ``unnest(range(y0, y1 + 1))`` over the overlapping years,
``GROUP BY ALL`` with the max of each obligation, ``COPY ... TO`` CSV. A speed baseline, like
``bench/pandas_ddyr.py`` and ``bench/polars_ddyr.py``.
Usage: python bench/duckdb_ddyr.py ATOP_DIR OUT.csv
"""

from __future__ import annotations

import sys
from typing import Any

import duckdb

SQL = """
WITH m AS (
    SELECT atopid, member, phase, yrent, CASE WHEN yrexit = 0 THEN 2018 ELSE yrexit END AS yrexit,
           defense, offense, neutral, nonagg, consul
    FROM read_csv_auto('{members}')
), pairs AS (
    SELECT a.member AS ccode1, b.member AS ccode2, greatest(a.yrent, b.yrent) AS y0,
           least(a.yrexit, b.yrexit) AS y1, a.defense, a.offense, a.neutral, a.nonagg, a.consul
    FROM m a JOIN m b ON a.atopid = b.atopid AND a.phase = b.phase AND a.member <> b.member
    WHERE a.defense + a.offense + a.neutral + a.nonagg + a.consul > 0
), years AS (
    SELECT ccode1, ccode2, unnest(range(y0, y1 + 1)) AS year, defense, offense, neutral, nonagg, consul
    FROM pairs WHERE y0 <= y1
)
SELECT ccode1, ccode2, year, max(defense) AS defense, max(offense) AS offense, max(neutral) AS neutral,
       max(nonagg) AS nonagg, max(consul) AS consul
FROM years WHERE year BETWEEN 1815 AND 2018
GROUP BY ALL ORDER BY ALL
"""


def expand(data_dir: str) -> Any:
    """The 1815-2018 directed dyad-year panel as an Arrow table, in this process."""
    return duckdb.sql(SQL.format(members=f"{data_dir}/atop5_1m.csv")).to_arrow_table()


def main(data_dir: str, out: str) -> None:
    duckdb.sql(f"COPY ({SQL.format(members=f'{data_dir}/atop5_1m.csv')}) TO '{out}' (HEADER, DELIMITER ',')")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
