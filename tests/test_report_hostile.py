"""What a hostile player can write (HTML, Markdown, template syntax) shows as text in
every output format of the debrief: no live tag, no link, no template evaluated."""

from __future__ import annotations

from report_helpers import Page, inline_texts, markdown, one_line, seeded_game, walk

from game.report import build_report_html, build_report_markdown

HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "{{ 7*7 }}",
    "{% raw %}{{ config }}{% endraw %}",
    "{# commentaire #}",
    "[lien](javascript:alert(4))",
    "![pixel](https://exemple.invalid/p.png)",
    "&lt;b&gt; &amp; &#60;",
    "$\\frac{1}{$",
)
NAMES = {"dgs": HOSTILE[0][:40], "dpo": HOSTILE[1], "elu": HOSTILE[3], "drh": HOSTILE[4][:40]}
TABLES = [HOSTILE[2], HOSTILE[5] + " " + HOSTILE[9], HOSTILE[6]]
JUSTIFICATIONS = (" ".join(HOSTILE), *HOSTILE)
WRITTEN = (*NAMES.values(), *TABLES, *HOSTILE)


def logs() -> list[str]:
    return [seeded_game(NAMES, JUSTIFICATIONS, seed=s).to_jsonl() for s in (1, 5, 7)]


def test_html_has_no_tag_or_attribute_from_player_text() -> None:
    page = Page()
    page.feed(build_report_html(logs(), names=TABLES))
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "svg", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in page.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None and value.startswith("#"), value
            if name == "src":
                assert tag == "img" and value is not None
                assert value.startswith("data:image/svg+xml;base64,"), value[:60]
    text = " ".join(" ".join(page.text).split())
    for written in WRITTEN:
        assert " ".join(written.split()) in text, written


def test_template_syntax_is_never_evaluated() -> None:
    # `{{ 7*7 }}` stays as typed; nothing prints 49 in its place, in HTML and in Markdown.
    page = build_report_html(logs(), names=TABLES)
    notes = build_report_markdown(logs(), names=TABLES)
    assert "{{ 7*7 }}" in page and "{% raw %}" in page
    md_text = " ¶ ".join(inline_texts(markdown().parse(notes)))
    assert "{{ 7\\*7 }}" not in md_text
    assert "{{ 7*7 }}" in md_text and "{% raw %}{{ config }}{% endraw %}" in md_text


def test_markdown_has_nothing_live_from_player_text() -> None:
    notes = build_report_markdown(logs(), names=TABLES)
    tokens = walk(markdown().parse(notes))
    live = {"link_open", "image", "html_inline", "html_block", "code_inline", "math_inline"}
    assert not {t.type for t in tokens} & live
    md_text = " ¶ ".join(inline_texts(markdown().parse(notes)))
    for written in WRITTEN:
        assert one_line(written) in md_text, written
