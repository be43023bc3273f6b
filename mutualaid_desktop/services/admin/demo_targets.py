"""The demo city's yearly targets (services/admin/demo.py): for each county and the city, premiums and
enrollments near what the demo collected in the year, so that some counties complete their target and
some fall behind schedule; set through the targets' one writer (services/statistics/targets.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.demo_names import CITY, COUNTIES
from mutualaid_desktop.services.admin.user_identity import UserInfo
from mutualaid_desktop.services.statistics.targets import set_targets
from mutualaid_desktop.store.database import Database

# Target ÷ collected: below 1 the county completed its target, well above it is behind schedule.
FACTORS = (0.88, 0.93, 0.97, 1.02, 1.08, 1.16, 1.24)
PREMIUM_STEP = Decimal(1000)  # targets are round figures: thousands of yuan,
ENROLLMENT_STEP = 10  # tens of enrollments


def demo_targets(gen, collected: dict[tuple[int, int], list[int]], year: int) -> dict[str, tuple[str, str, None]]:
    """County code (and the city's) -> (premiums, enrollments, no coverage) for `year`, from the premiums and
    enrollments collected per (county index, year), each county with a factor of FACTORS in the seed's order."""
    factors = list(FACTORS)
    gen.rnd.shuffle(factors)
    targets: dict[str, tuple[str, str, None]] = {}
    total_yuan, total_count = Decimal(0), 0
    for k, (code, _name, _share) in enumerate(COUNTIES):
        fen, count = collected.get((k, year), [0, 0])
        factor = Decimal(str(factors[k % len(factors)])) + Decimal(gen.rnd.randint(-20, 20)) / 1000
        yuan = _round(from_fen(fen) * factor, PREMIUM_STEP)
        enrollments = int(_round(Decimal(count) * factor, Decimal(ENROLLMENT_STEP)))
        targets[code] = (str(yuan), str(enrollments), None)
        total_yuan, total_count = total_yuan + yuan, total_count + enrollments
    targets[CITY[0]] = (str(total_yuan), str(total_count), None)
    return targets


def _round(value: Decimal, step: Decimal) -> Decimal:
    """To the nearest step, at least one step."""
    return max(step, (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def set_demo_targets(db: Database, gen, user: UserInfo, collected, years: list[int]) -> None:
    for year in years:
        set_targets(db, user, year=year, targets=demo_targets(gen, collected, year))
