"""Dates shared by every command: one notion of today, and review dates moved in whole months."""

from __future__ import annotations

import datetime as dt
import os


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved `months` ahead; the 31st becomes the month's last day where needed."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last = (following - dt.timedelta(days=1)).day  # no `calendar`: 2 ms of every start
    return dt.date(year, month + 1, min(day.day, last))


def today() -> dt.date:
    """Today for every command: the UTC date of `SOURCE_DATE_EPOCH` when set, else the system's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()
