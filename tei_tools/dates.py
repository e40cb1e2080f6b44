"""Dates as archives print them, read into ISO 8601 (TEI ``@when`` / ``@notBefore`` / ``@notAfter``).

    >>> read_date("April, 1962").when
    '1962-04'
    >>> read_date("4th May, 1951").when
    '1951-05-04'
    >>> d = read_date("c. 1960"); (d.when, d.not_before, d.not_after)
    (None, '1955', '1965')
    >>> read_date("undated").when is None
    True
"""

from __future__ import annotations

import calendar
import re

from .model import DateValue

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_PATTERNS = [
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),  # March 25, 1959 / June 07, 1963
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),  # 4th May, 1951 / 25 March 1959
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),  # April, 1962
    re.compile(rf"^{_YEAR}-(?P<nmonth>\d{{2}})(?:-(?P<nday>\d{{2}}))?$"),  # 1962-04-02
    re.compile(rf"^{_YEAR}$"),  # 1950
]
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|approx\.?|about)\s*(?P<year>\d{4})s?$", re.IGNORECASE)
_DECADE = re.compile(r"^(?P<year>\d{3}0)s$")
_RANGE = re.compile(r"^(?P<start>\d{4})\s*[-–/]\s*(?P<end>\d{2,4})$")
_DAY_RANGE = re.compile(r"^(?P<month>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})\s*[-–]\s*(?P<d2>\d{1,2}),?\s+(?P<year>\d{4})$")
_UNDATED = re.compile(r"^(?:undated|n\.\s*d\.|no date|date unknown|\[?undated\]?)$", re.IGNORECASE)


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None:
        return True
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    return 1 <= day <= calendar.monthrange(year, month)[1]


def read_date(printed: str) -> DateValue:
    """Read a printed date. Unreadable dates give a :class:`DateValue` with no ISO reading."""
    text = " ".join(printed.split()).strip().rstrip(".")
    if _UNDATED.match(text):
        return DateValue(printed)
    if text.startswith("[") and text.endswith("]"):  # a date supplied by the archive: "[1959]"
        text = text[1:-1].strip()
    m = _DAY_RANGE.match(text)
    if m:  # "May 1-3, 1960"
        start, end = read_date(f"{m['month']} {m['d1']}, {m['year']}"), read_date(f"{m['month']} {m['d2']}, {m['year']}")
        if start.when and end.when and end.when > start.when:
            return DateValue(printed, not_before=start.when, not_after=end.when)
    for pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"])
        month: int | None = None
        day: int | None = None
        if groups.get("month"):
            month = MONTHS.get(groups["month"].lower())
            if month is None:
                continue
        elif groups.get("nmonth"):
            month = int(groups["nmonth"])
        if groups.get("day"):
            day = int(groups["day"])
        elif groups.get("nday"):
            day = int(groups["nday"])
        if not _valid(year, month, day):
            continue
        when = f"{year:04d}"
        if month is not None:
            when += f"-{month:02d}"
        if day is not None:
            when += f"-{day:02d}"
        return DateValue(printed, when=when)
    m = _CIRCA.match(text)
    if m:
        year = int(m["year"])
        return DateValue(printed, not_before=f"{year - 5:04d}", not_after=f"{year + 5:04d}")
    m = _DECADE.match(text)
    if m:
        year = int(m["year"])
        return DateValue(printed, not_before=f"{year:04d}", not_after=f"{year + 9:04d}")
    m = _RANGE.match(text)
    if m:
        start, end = m["start"], m["end"]
        if len(end) == 2:
            end = start[:2] + end
        if int(end) >= int(start):
            return DateValue(printed, not_before=start, not_after=end)
    return DateValue(printed)


def is_undated(printed: str) -> bool:
    """True when the printed date says there is no date (no warning is due then)."""
    return bool(_UNDATED.match(" ".join(printed.split()).strip().rstrip(".")))


def looks_like_date(text: str) -> bool:
    """True when ``text`` reads as a date or an explicit 'undated' (used to spot the date line)."""
    value = read_date(text)
    return bool(value.when or value.not_before or is_undated(text))
