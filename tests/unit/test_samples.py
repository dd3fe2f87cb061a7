"""The project's sample documents: up to date with their generator, and shaped the way the
ingest/structure/minutes/align tests rely on (Word auto-numbering, PDF hyphenation, transcripts)."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
import yaml

from corpora import make_samples

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples")
    make_samples.build(out)
    return out


@pytest.fixture(scope="module")
def agreement_blocks(samples):
    return make_samples.parse_agreement((samples / "alliance_agreement.txt").read_text(encoding="utf-8"))


def test_samples_rebuild_is_byte_identical(rebuilt, samples):
    derived = ["alliance_agreement.docx", "alliance_agreement.pdf",
               "steering_committee_minutes.docx", "partner_call_transcript.json"]
    for name in list(make_samples.SOURCES) + derived:
        assert (rebuilt / name).read_bytes() == (samples / name).read_bytes(), (
            f"{name} is out of date: run .venv/bin/python corpora/make_samples.py")


def _render_word_numbers(docx_path):
    """Number labels as Word shows them, computed from numbering.xml (numFmt, lvlText, isLgl)."""
    from lxml import etree

    with zipfile.ZipFile(docx_path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    abstract_of = {n.get(W + "numId"): n.find(W + "abstractNumId").get(W + "val")
                   for n in numbering.iter(W + "num")}
    levels = {}
    for a in numbering.iter(W + "abstractNum"):
        for lvl in a.iter(W + "lvl"):
            levels[(a.get(W + "abstractNumId"), int(lvl.get(W + "ilvl")))] = (
                lvl.find(W + "numFmt").get(W + "val"), lvl.find(W + "lvlText").get(W + "val"),
                lvl.find(W + "isLgl") is not None)
    fmt = {"decimal": str, "upperRoman": make_samples.roman,
           "lowerRoman": lambda n: make_samples.roman(n).lower(), "lowerLetter": make_samples.letter}
    counters: dict[str, list[int]] = {}
    out = []
    for p in body.iter(W + "p"):
        numpr = p.find(f"{W}pPr/{W}numPr")
        if numpr is None:
            continue
        num_id = numpr.find(W + "numId").get(W + "val")
        ilvl = int(numpr.find(W + "ilvl").get(W + "val"))
        abstract = abstract_of[num_id]
        c = counters.setdefault(num_id, [0] * 9)
        c[ilvl] += 1
        c[ilvl + 1:] = [0] * (8 - ilvl)
        kind, text, legal = levels[(abstract, ilvl)]

        def repl(m, c=c, legal=legal, abstract=abstract):
            k = int(m.group(1)) - 1
            level_fmt = "decimal" if legal else levels[(abstract, k)][0]
            return fmt[level_fmt](c[k])

        text_of_p = "".join(t.text or "" for t in p.iter(W + "t"))
        out.append((re.sub(r"%(\d)", repl, text), text_of_p))
    return out


def test_samples_docx_numbers_come_from_word_numbering(samples, agreement_blocks):
    rendered = _render_word_numbers(samples / "alliance_agreement.docx")
    expected = [(b.label, b) for b in agreement_blocks if b.ilvl is not None]
    assert len(rendered) == len(expected) > 150
    for (label, text), (want, block) in zip(rendered, expected):
        assert label == want
        # the paragraph text holds no typed number: a reader ignoring numbering.xml loses it
        assert not re.match(r"\s*(ARTICLE\b|\d+\.\d+\b|\([a-z]+\)\s)", text), text[:40]
        assert text.strip() and text.strip().split()[0] in block.text


def test_samples_docx_headings_and_schedule_table(samples):
    import docx

    d = docx.Document(str(samples / "alliance_agreement.docx"))
    heading_texts = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert "\nDEFINITIONS AND INTERPRETATION" in heading_texts  # ARTICLE I is auto-numbered
    assert "SCHEDULE A\nCONTRIBUTIONS" in heading_texts
    assert len(d.tables) == 1
    assert [c.text for c in d.tables[0].rows[0].cells][0] == "Party"
    assert len(d.tables[0].rows) == 4


def test_samples_pdf_has_running_header_footer_and_hyphenation(samples):
    import pypdf

    reader = pypdf.PdfReader(str(samples / "alliance_agreement.pdf"))
    n = len(reader.pages)
    assert n >= 10
    words = set(re.findall(r"[A-Za-z]+", (samples / "alliance_agreement.txt").read_text()))
    joined = []
    for i, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert "Confidential - Execution Draft" in text and "Helix Alliance Agreement" in text
        assert f"Page {i} of {n}" in text
        lines = text.split("\n")
        for a, b in zip(lines, lines[1:]):
            m, m2 = re.search(r"([A-Za-z]+)-$", a), re.match(r"([a-z]+)", b)
            if m and m2:
                joined.append(m.group(1) + m2.group(1))
    # real end-of-line hyphenation: the halves join into words of the source text
    assert len(joined) >= 5
    assert all(w in words for w in joined), [w for w in joined if w not in words]


def test_samples_transcript_json_equals_txt(samples):
    turns = json.loads((samples / "partner_call_transcript.json").read_text(encoding="utf-8"))
    lines = (samples / "partner_call_transcript.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert len(turns) == len(lines) >= 40
    assert [f"{t['speaker']}: {t['text']}" for t in turns] == lines
    assert len({t["speaker"] for t in turns}) >= 5


def test_samples_goals_yaml_has_three_parties_with_conflicts(samples):
    parties = yaml.safe_load((samples / "partner_goals.yaml").read_text(encoding="utf-8"))["parties"]
    assert len(parties) == 3
    goals = " ".join(g for gs in parties.values() for g in gs)
    for pair in (("Increase", "Reduce"), ("70/30", "50/50"), ("exclusive", "non-exclusive"),
                 ("before", "after")):
        assert all(p in goals for p in pair), pair


def test_samples_agreement_covers_brief_but_has_no_insurance(samples, agreement_blocks):
    text = (samples / "alliance_agreement.txt").read_text(encoding="utf-8")
    assert "insur" not in text.lower()  # coverage must report insurance as missing
    headings = {b.heading for b in agreement_blocks if b.heading}
    for h in ("Arbitration", "Governing Law", "Clean Team", "Non-Solicitation of Employees",
              "Most-Favoured Pricing", "Exclusivity", "Force Majeure", "Notices", "Deadlock"):
        assert h in headings, h
    kinds = [b.kind for b in agreement_blocks]
    assert kinds.count("article") == 18 and kinds.count("schedule") == 3 and "subitem" in kinds
    assert re.search(r"\S  \S", text) is None


def test_make_samples_rejects_skipped_numbers():
    good = "TITLE\n\nSub\n\nARTICLE I\nSCOPE\n\n1.1 Scope. Text.\n\n    (a) one;\n\n    (b) two."
    assert [b.label for b in make_samples.parse_agreement(good) if b.label] == [
        "ARTICLE I", "1.1", "(a)", "(b)"]
    for bad in (good.replace("1.1 Scope", "1.2 Scope"), good.replace("(b) two", "(c) two"),
                good.replace("ARTICLE I\n", "ARTICLE II\n")):
        with pytest.raises(make_samples.SampleError):
            make_samples.parse_agreement(bad)


def test_samples_minutes_docx_uses_word_headings_and_lists(samples):
    import docx

    d = docx.Document(str(samples / "steering_committee_minutes.docx"))
    styles = [p.style.name for p in d.paragraphs]
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert {"Attendees", "Agenda", "Decisions", "Action items"} <= set(headings)
    bullets = [p for p in d.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) >= 10 and all(p._p.pPr.numPr is not None for p in bullets)
    assert styles.count("List Number") == 6
    assert any("by 15 March 2027" in p.text for p in bullets)
