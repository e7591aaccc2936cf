"""Amounts in their own currency, converted to KRW and USD at the stored rate of their date
(the latest rate on or before it)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from yeongilman.insights.models import ExchangeRate

CENT = Decimal("0.01")


class RateBook:
    """Every stored rate in memory (a few hundred rows), for converting many amounts."""

    def __init__(self) -> None:
        self._dates: dict[str, list[dt.date]] = defaultdict(list)
        self._rates: dict[str, list[Decimal]] = defaultdict(list)
        for date, currency, krw in ExchangeRate.objects.order_by("date").values_list(
            "date", "currency", "krw"
        ):
            self._dates[currency].append(date)
            self._rates[currency].append(krw)

    def krw_per_unit(self, currency: str, on: dt.date) -> Decimal | None:
        """KRW value of one unit on a date (None when no rate is stored for it yet)."""
        currency = currency.upper()
        if currency == "KRW":
            return Decimal(1)
        i = bisect.bisect_right(self._dates[currency], on)
        return self._rates[currency][i - 1] if i else None

    def convert(
        self, amount: Decimal | None, currency: str, on: dt.date
    ) -> tuple[Decimal | None, Decimal | None]:
        """(KRW, USD) for an amount; a side is None when its rate is unknown."""
        if amount is None:
            return None, None
        to_krw = self.krw_per_unit(currency, on)
        if to_krw is None:
            return None, None
        krw = (Decimal(amount) * to_krw).quantize(CENT)
        usd_rate = self.krw_per_unit("USD", on)
        return krw, (krw / usd_rate).quantize(CENT) if usd_rate else None


def convert(
    amount: Decimal | None, currency: str, on: dt.date
) -> tuple[Decimal | None, Decimal | None]:
    """(KRW, USD) for one amount at the stored rates."""
    return RateBook().convert(amount, currency, on)
