"""Dates as wire copy writes them: "Saturday 22 March 2025 01:33 GMT", "March 5, 2025 10:15 AM ET"...

Only whole, explicit dates are accepted: nothing is guessed from loose numbers, and a date
without a year is never completed with the current one. A numeric date ("3/16/2025 1:45:08 AM",
as MENAFN's pages print them) is read only when its day cannot be taken for its month: with
slashes the order is told by the number over 12, dots are day first ("16.03.2025"), and
"3/4/2025" is refused as ambiguous.
"""

from __future__ import annotations

import re
from calendar import day_name
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from builder.importer.record import ParseError

MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}

# Abbreviations wires use; regional ones are read as the wire's region uses them
# (AST is Arabia Standard Time on Gulf copy, IST India).
ZONES: dict[str, tzinfo] = {
    "GMT": UTC, "UTC": UTC, "Z": UTC, "UT": UTC,
    "ET": ZoneInfo("America/New_York"), "EST": timezone(timedelta(hours=-5)),
    "EDT": timezone(timedelta(hours=-4)), "CT": ZoneInfo("America/Chicago"),
    "CDT": timezone(timedelta(hours=-5)), "PT": ZoneInfo("America/Los_Angeles"),
    "PST": timezone(timedelta(hours=-8)), "PDT": timezone(timedelta(hours=-7)),
    "BST": timezone(timedelta(hours=1)), "CET": timezone(timedelta(hours=1)),
    "CEST": timezone(timedelta(hours=2)), "EET": timezone(timedelta(hours=2)),
    "EEST": timezone(timedelta(hours=3)), "MSK": timezone(timedelta(hours=3)),
    "AST": timezone(timedelta(hours=3)), "GST": timezone(timedelta(hours=4)),
    "PKT": timezone(timedelta(hours=5)), "IST": timezone(timedelta(hours=5, minutes=30)),
    "ICT": timezone(timedelta(hours=7)), "WIB": timezone(timedelta(hours=7)),
    "SGT": timezone(timedelta(hours=8)), "HKT": timezone(timedelta(hours=8)),
    "JST": timezone(timedelta(hours=9)), "KST": timezone(timedelta(hours=9)),
    "AEST": timezone(timedelta(hours=10)), "AEDT": timezone(timedelta(hours=11)),
    "MT": ZoneInfo("America/Denver"), "MST": timezone(timedelta(hours=-7)), "MDT": timezone(timedelta(hours=-6)),
    "AKST": timezone(timedelta(hours=-9)), "AKDT": timezone(timedelta(hours=-8)),
    "HST": timezone(timedelta(hours=-10)), "BRT": timezone(timedelta(hours=-3)), "ART": timezone(timedelta(hours=-3)),
    "WET": UTC, "WEST": timezone(timedelta(hours=1)), "WAT": timezone(timedelta(hours=1)),
    "CAT": timezone(timedelta(hours=2)), "SAST": timezone(timedelta(hours=2)), "EAT": timezone(timedelta(hours=3)),
    "NPT": timezone(timedelta(hours=5, minutes=45)), "PHT": timezone(timedelta(hours=8)),
    "MYT": timezone(timedelta(hours=8)), "AWST": timezone(timedelta(hours=8)),
    "ACST": timezone(timedelta(hours=9, minutes=30)), "ACDT": timezone(timedelta(hours=10, minutes=30)),
    "NZST": timezone(timedelta(hours=12)), "NZDT": timezone(timedelta(hours=13)),
}
# Abbreviations that name two zones wires both use: which one is meant cannot be told.
AMBIGUOUS_ZONES = {"CST": "US Central Standard Time (UTC-6) or China Standard Time (UTC+8)",
                   "SST": "Singapore Standard Time (UTC+8) or Samoa Standard Time (UTC-11)",
                   "BDT": "Bangladesh Time (UTC+6) or British Daylight Time (UTC+1)",
                   "ADT": "Atlantic Daylight Time (UTC-3) or Arabia Daylight Time (UTC+4)"}
_NOT_ZONES = frozenset({"HRS", "H"})  # "01:33 hrs": hours, no zone


class ZoneError(ValueError):
    """A date line's time zone word that is ambiguous or unknown: dropping it would read the time
    in the site's zone, hours off."""

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = (r"(?:[\s,]+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
         r"\s*(?P<ampm>[ap]\.?m\.?)?)?")
_ZONE = r"(?:\s*\(?(?P<zone>[A-Z]{1,4}|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?)\)?)?"
_DAY_FIRST = re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})"
                        rf"{_TIME}{_ZONE}$", re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
                          rf"{_TIME}{_ZONE}$", re.IGNORECASE)
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
                  r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
                  r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$", re.IGNORECASE)
_TIME_FIRST = re.compile(rf"^(?:updated\s+|published\s+)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})\s*"
                         rf"(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>[A-Z]{{2,4}})?,?\s+{_MONTH}\s+"
                         rf"(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})$", re.IGNORECASE)

_NUMERIC = re.compile(rf"^{_WEEKDAY}(?P<lead>\d{{1,2}})(?P<mark>[/.])(?P<trail>\d{{1,2}})(?P=mark)"
                      rf"(?P<year>\d{{4}}){_TIME}{_ZONE}$", re.IGNORECASE)


_LABEL = re.compile(r"^(?:first\s+)?(?:published|posted|filed)(?:\s+on)?\s*:\s*", re.IGNORECASE)


def parse_date(text: str) -> datetime | date | None:
    """A whole date (and time, and zone) written on its own, or None. Raises ValueError for
    a date that has the right shape but does not exist (31 February)."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .|-\u2013\u2014")
    cleaned = _LABEL.sub("", cleaned)  # "Published: March 5, 2024"
    for pattern in (_ISO, _DAY_FIRST, _MONTH_FIRST, _TIME_FIRST):
        match = pattern.match(cleaned)
        if match:
            return _from_match(match.groupdict())
    numeric = _NUMERIC.match(cleaned)
    return _from_match(_day_and_month(numeric.groupdict())) if numeric else None


def is_date_line(line: str, number: int | None = None) -> bool:
    """Whether ``line`` (line ``number`` of its input) is a date line. One with the shape of a
    date that is not a real one (31 February, a weekday that is not the date's, 3/4/2025) is
    refused, never taken for a title."""
    try:
        return parse_date(line) is not None
    except ZoneError as exc:
        raise ParseError(f"the date line {line.strip()!r}: {exc}", number) from None
    except ValueError as exc:
        raise ParseError(f"the date line {line.strip()!r} is not a real date ({exc})", number) from None


def _day_and_month(parts: dict[str, str | None]) -> dict[str, str | None]:
    """A numeric date's parts with its day and month told apart, or ValueError when they cannot be."""
    first, second = int(parts["lead"] or 0), int(parts["trail"] or 0)
    if parts["mark"] == "." or first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first or first == second:
        day, month = second, first
    else:
        raise ValueError(f"{first}{parts['mark']}{second} could be the {first} of month {second} or the "
                         f"{second} of month {first}; write the month in words, or give --date")
    return {**parts, "day": str(day), "month": str(month)}


def _from_match(parts: dict[str, str | None]) -> datetime | date:
    month_text = parts["month"] or ""
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    day = date(int(parts["year"] or 0), month, int(parts["day"] or 0))
    weekday = (parts.get("weekday") or "")[:3].lower()
    if weekday and WEEKDAYS.index(weekday) != day.weekday():  # a typo in one or the other: which?
        raise ValueError(f"{day.day} {day:%B} {day.year} is a {day_name[day.weekday()]}, "
                         f"not a {day_name[WEEKDAYS.index(weekday)]}")
    if parts.get("hour") is None:
        return day
    hour = int(parts["hour"] or 0)
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    value = datetime(day.year, day.month, day.day, hour, int(parts["minute"] or 0),
                     int(parts.get("second") or 0))
    zone = _zone(parts.get("zone"))
    return value.replace(tzinfo=zone) if zone else value


def _zone(text: str | None) -> tzinfo | None:
    if not text:
        return None
    text = text.strip().upper()
    if text in ZONES:
        return ZONES[text]
    match = re.fullmatch(r"(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?", text)
    if text in AMBIGUOUS_ZONES:
        raise ZoneError(f"the time zone {text} could be {AMBIGUOUS_ZONES[text]}; write the offset "
                        f"in its place (UTC-6 or +08:00 instead of {text})")
    if not match and text not in _NOT_ZONES:
        raise ZoneError(f"the time zone {text} is not one this importer knows; write the offset "
                        f"in its place (UTC+3 or -05:00 instead of {text})")
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if minutes > 59 or not -12 * 60 <= sign * (hours * 60 + minutes) <= 14 * 60:  # the zones the world uses
        raise ZoneError(f"{text} is no UTC offset; offsets run from -12:00 to +14:00")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def front_matter_date(value: datetime | date) -> str:
    """ISO 8601 for front matter: UTC with Z when the zone is known, no offset when it is not."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="seconds") + "Z"  # strftime("%Y") does not pad years before 1000


def local_day(when: date, zone: tzinfo) -> date | None:
    """The day an article is filed under: its date in the site time zone, as the build places it.
    None when that date, or the UTC date the front matter will hold, is outside years 1-9999."""
    if not isinstance(when, datetime):
        return when
    if not when.tzinfo:
        return when.date()
    try:
        when.astimezone(UTC)
        return when.astimezone(zone).date()
    except OverflowError:
        return None


_STATED_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def dateline_date(dateline: str, year: int | None) -> date | None:
    """'LONDON, March 5, 2024' as it is; 'LONDON, March 5' completed with ``year`` (the copy's
    copyright year), never the current year. (The city may hold commas: 'WASHINGTON, D.C., March 5'.)"""
    parts = dateline.split(",")
    for start in range(1, len(parts)):
        text = ",".join(parts[start:]).strip()
        if not _STATED_YEAR.search(text):
            if year is None:
                continue
            text = f"{text}, {year}"
        try:
            found = parse_date(text)
        except ValueError:
            continue
        if isinstance(found, date):
            return found
    return None
