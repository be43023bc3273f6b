"""Reading a paper back for the tests of long values: its pages' text, the text of all pages as
one string, and the smallest print on it."""

from __future__ import annotations

from pypdf import PdfReader


def page_texts(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def flat_text(path, *going_on: str, spaces: bool = True) -> str:
    """The text of every page joined, without line breaks (a wrapped value reads whole) and without
    the headings `going_on` of the pages it goes on to; without spaces too unless `spaces`."""
    text = "".join(page_texts(path)).replace("\n", "")
    if not spaces:  # a heading wrapped over lines is taken out too
        text, going_on = "".join(text.split()), tuple("".join(heading.split()) for heading in going_on)
    for heading in going_on:
        text = text.replace(heading, "")
    return text


def missing(path, values, *going_on: str) -> list[str]:
    """The `values` not printed whole on the paper (white space left out: pypdf reads a line break
    as a space at times), the pages' headings `going_on` being taken out first."""
    text = flat_text(path, *going_on, spaces=False)
    return [value for value in values if "".join(value.split()) not in text]


def smallest_text(path) -> tuple[float, str]:
    """The smallest font size on the paper (all its pages) and the text drawn in it."""
    sizes: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            sizes.append((round(size * tm[0] * cm[0], 2), text.strip()))

    for page in PdfReader(str(path)).pages:
        page.extract_text(visitor_text=visit)
    return min(sizes)


def long(text: str, n: int) -> str:
    """`text` repeated to exactly `n` characters: a value as long as its field allows."""
    return (text * (n // len(text) + 1))[:n]


def text_boxes(path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, the box (x0, y0, x1, y1) of every string drawn upright, and its text (the width
    measured with the papers' font, which every paper is written in). pypdf hands a string over
    in pieces (one a subset of the font), each with the position where the string starts: the
    pieces at one position are one string. It also joins strings written one after another on a
    line with a space between them (a text object with a position for each): only the part before
    the first space is known to start at the position given, so only that part is measured (an
    overlap further along such a line may be missed, none is reported that is not there)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from mutualaid_desktop.documents.fonts import cjk_font

    font = cjk_font()
    pages = []
    for page in PdfReader(str(path)).pages:
        runs: list[list] = []  # [key, x, y, size, text]

        def visit(text, cm, tm, _font, size, runs=runs):
            if cm[1] or cm[2] or tm[1] or tm[2]:
                return  # turned (the big 作废 across a voided receipt)
            scale = cm[0] * tm[0]
            key = (tuple(cm), tuple(tm), size)
            if runs and runs[-1][0] == key:
                runs[-1][4] += text
            else:
                runs.append([key, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size * scale, text])

        page.extract_text(visitor_text=visit)
        boxes = []
        for _key, x, y, s, text in runs:
            for k, line in enumerate(part for part in text.split("\n") if part.strip()):
                line = line.strip().split(" ")[0]
                w = stringWidth(line, font, s)
                boxes.append((x, y - k * s - 0.12 * s, x + w, y - k * s + 0.88 * s, line))
        pages.append(boxes)
    return pages


def overlapping_text(path, width: float | None = None) -> list[tuple[int, str, str]]:
    """Text running over other text or off the page: (page, one text, the other or "off the page")."""
    found = []
    reader = PdfReader(str(path))
    for number, (page, boxes) in enumerate(zip(reader.pages, text_boxes(path), strict=True), start=1):
        right = width or float(page.mediabox.width)
        for i, (x0, y0, x1, y1, text) in enumerate(boxes):
            if x0 < -0.5 or x1 > right + 0.5:
                found.append((number, text, "off the page"))
            for a0, b0, a1, b1, other in boxes[i + 1 :]:
                if min(x1, a1) - max(x0, a0) > 0.5 and min(y1, b1) - max(y0, b0) > 1.0:
                    found.append((number, text, other))
    return found


def assert_printed_whole(path, values, *going_on: str, smallest: float = 7.5) -> None:
    """A paper printed with long values: every one of `values` whole, no text over other text or off
    the page, nothing smaller than `smallest` points."""
    assert missing(path, values, *going_on) == []
    assert overlapping_text(path) == []
    size, text = smallest_text(path)
    assert size >= smallest, text
