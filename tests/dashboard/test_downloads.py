"""GET /download/everything.xlsx: the full-dataset workbook with a strong ETag, revalidated with 304."""

from __future__ import annotations

import hashlib
import io

import openpyxl

from dashboard.app import create_app
from dashboard.downloads import PATH, warm_workbooks
from dashboard.queries.data_tables import everything_workbook


def test_everything_is_served_with_a_strong_etag_and_revalidated(data):
    client = create_app(store=data).server.test_client()
    first = client.get(PATH)
    assert first.status_code == 200
    assert first.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert first.data == everything_workbook(data)  # the bytes of the /data page's button
    tag = first.headers["ETag"]
    assert tag == f'"{hashlib.sha256(first.data).hexdigest()[:32]}"'  # strong: no W/ prefix
    assert first.headers["Cache-Control"] == "no-cache"
    built = str(data.report["built_at"])[:10]
    assert first.headers["Content-Disposition"] == f'attachment; filename="ruaz-all-data-{built}.xlsx"'
    assert openpyxl.load_workbook(io.BytesIO(first.data), read_only=True).sheetnames[:2] == ["About", "Data"]
    again = client.get(PATH, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    other = client.get(PATH, headers={"If-None-Match": '"0123"'})
    assert other.status_code == 200 and other.data == first.data


def test_the_workbook_is_built_once_before_workers_fork(data):
    create_app(store=data)
    size = warm_workbooks()
    assert size == len(everything_workbook(data))
    assert everything_workbook(data) is everything_workbook(data)  # from memory, not rebuilt
