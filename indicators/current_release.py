"""One release per series where a series is one line: the current release (pure functions).

``data/raw`` keeps every release of a product side by side (the importer never overwrites one). Some
raw files are drawn and derived as **one line per reporter** (:data:`ONE_LINE_FILES`: ``trade_series.csv``,
the IMF DOTS flows and the press figures after them; ``energy.csv``, where a Statistical Review edition is
a release; ``arms_milex.csv``, SIPRI's Milex releases): turnover, balance, shares and mirror ratios are
computed from them, and /trade, /energy and /arms' spending charts draw them without a release choice.
There, for each product (:func:`indicators.revisions.product_key`, e.g. ``imf-dots-aze``) and series
(indicator, reporter, subject), only the **latest release carrying that series** is current (release order of
:func:`indicators.revisions.release_order`: release date, a third-party reprocessing after the
publisher's exports); the rows of its earlier releases are *superseded*. They stay in the clean
observations (the revisions table compares them, the "Show previous release" ghost draws them), but
derivations never use them and pages do not draw them as the series: one series never mixes
releases, and no figure is an average of releases.

Rows of other files (SIPRI TIV, where /arms picks a release), rows whose source is not a release (news
items, national statistics without an edition) and computed rows are never superseded.
"""

from __future__ import annotations

import pandas as pd

from indicators.revisions import release_order, releases

ONE_LINE_FILES = ("trade_series.csv", "energy.csv", "arms_milex.csv")
SERIES = ["product", "indicator", "reporter", "_subj"]


def superseded(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """True for each row of ``obs`` that an earlier release of a one-line series holds (see module doc)."""
    out = pd.Series(False, index=obs.index)
    if obs.empty or "raw_file" not in obs.columns:
        return out
    rel = releases(sources)
    order = release_order(rel).reset_index(drop=True)
    rank = {(str(p), str(e)): i for i, (p, e) in enumerate(zip(order["product"], order["edition"], strict=True))}
    product = dict(zip(rel["source_id"], rel["product"], strict=True))
    mask = obs["raw_file"].isin(ONE_LINE_FILES) & obs["source_id"].isin(product) & obs["edition"].notna()
    rows = obs[mask]
    if rows.empty:
        return out
    prod = rows["source_id"].map(product)
    ranks: list[int] = [rank.get((str(p), str(e)), -1) for p, e in zip(prod, rows["edition"], strict=True)]
    keyed = rows.assign(product=prod, _subj=rows["subject"].fillna(""), _rank=ranks)
    latest = keyed.groupby(SERIES)["_rank"].transform("max")
    out.loc[keyed.index] = keyed["_rank"] < latest
    return out


def current_rows(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``obs`` without the superseded rows (:func:`superseded`)."""
    return obs[~superseded(obs, sources)]
