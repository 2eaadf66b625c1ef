"""`socle report`: one static HTML page over every project, readable offline (no script, no remote resource).

The rows come from `flows.review.page`; this module only turns them into HTML with the Jinja template beside it.
"""

from __future__ import annotations

import math
from datetime import datetime, UTC
from pathlib import Path

TEMPLATE = "portfolio.html.j2"
SPARK_WIDTH, SPARK_HEIGHT = 120, 28


def render(rows: list[dict], source: str, generated: datetime | None = None) -> str:
    """The portfolio page: one row per project (see `flows.review.page` for the keys)."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["j2", "html"]))
    environment.filters["number"] = lambda value: "—" if value is None or math.isnan(value) else f"{value:.3f}"
    stamp = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return environment.get_template(TEMPLATE).render(rows=rows, source=source, generated=stamp, sparkline=sparkline)


def write(html: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(path)
    return path


def sparkline(values: list[float], baseline: float | None = None) -> dict:
    """The trend of a metric over recent runs as SVG coordinates (oldest left); the baseline as a dashed line."""
    finite = [v for v in values if v is not None and not math.isnan(v)]
    if not finite:
        return {"points": "", "baseline_y": None, "last": None, "width": SPARK_WIDTH, "height": SPARK_HEIGHT}
    scale = finite + ([baseline] if baseline is not None and not math.isnan(baseline) else [])
    low, high = min(scale), max(scale)
    span = (high - low) or 1.0

    def y(value: float) -> float:
        return round(SPARK_HEIGHT - 3 - (value - low) / span * (SPARK_HEIGHT - 6), 1)

    step = (SPARK_WIDTH - 6) / max(len(finite) - 1, 1)
    coordinates = [(round(3 + i * step, 1), y(v)) for i, v in enumerate(finite)]
    return {
        "points": " ".join(f"{x},{yy}" for x, yy in coordinates),
        "baseline_y": None if baseline is None or math.isnan(baseline) else y(baseline),
        "last": coordinates[-1],
        "width": SPARK_WIDTH,
        "height": SPARK_HEIGHT,
    }
