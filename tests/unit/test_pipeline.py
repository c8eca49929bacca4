"""Pipeline contracts: stage order is checked, the DCT is required, stages are pure."""
import pytest

from dateline import Document, Pipeline, Settings, process
from dateline.errors import MissingDCTError, PipelineOrderError, SettingsError, UnknownStageError
from dateline.stages import all_stages


def test_every_default_stage_is_registered():
    assert set(Settings().stages) <= set(all_stages())


def test_bad_order_fails_at_construction():
    with pytest.raises(PipelineOrderError) as e:
        Pipeline(["quotes", "segment"], Settings())
    msg = str(e.value)
    assert msg.startswith("DL102") and "missing" in msg and "sentences" in msg


def test_unknown_stage():
    with pytest.raises(UnknownStageError, match="DL103"):
        Pipeline(["segment", "sentiment"], Settings())


@pytest.mark.parametrize("dct", ["", "2020-13-01", "yesterday", "2020-02-30"])
def test_document_without_valid_dct_is_rejected(dct):
    with pytest.raises(MissingDCTError, match="DL101"):
        Pipeline(settings=Settings())(Document(id="x", text="On Monday it rained.", dct=dct))


def test_settings_are_validated_and_replaced():
    with pytest.raises(SettingsError):
        Settings(document_type="poetry")
    s = Settings().replace(document_type="narrative")
    assert s.document_type == "narrative" and Settings().document_type == "auto"
    with pytest.raises(SettingsError, match="unknown settings"):
        Settings().replace(colour="blue")


def test_stages_do_not_mutate_their_input():
    doc = Document(id="p", text="“Fine,” Mayor Ann Lee said on Monday.", dct="2021-03-03")
    out = Pipeline(settings=Settings())(doc)
    assert doc.sentences == () and doc.timexes == () and out.sentences
    assert out.text == doc.text and out.dct == doc.dct


def test_pipe_streams():
    nlp = Pipeline(settings=Settings())
    docs = (Document(id=str(i), text=f"Item {i} ended.", dct="2021-01-01") for i in range(3))
    assert [d.id for d in nlp.pipe(docs)] == ["0", "1", "2"]


def test_same_text_different_dct_gives_different_values():
    a = process("The plant closed on Monday.", dct="2021-03-03")
    b = process("The plant closed on Monday.", dct="2021-03-10")
    if a.timexes and b.timexes:           # the timex stage decides; the DCT must be what moves it
        assert a.timexes[0].value != b.timexes[0].value


def test_document_replace_is_dataclasses_replace():
    import dataclasses
    from dateline.model import Paragraph
    doc = Document(id="d1", text="Rain on Monday.", dct="2024-05-06", meta={"outlet": "x"})
    for changes in ({}, {"paragraphs": (Paragraph(0, 15),)}, {"warnings": ("DL310: w",), "text": "Rain."}):
        assert doc.replace(**changes) == dataclasses.replace(doc, **changes)
    assert doc.replace(events=()).meta is doc.meta
    with pytest.raises(TypeError, match="colour"):
        doc.replace(colour="blue")

    class Tagged(Document):
        __slots__ = ()
    tagged = Tagged(id="d2", text="Rain.", dct="2024-05-06").replace(warnings=("w",))
    assert type(tagged) is Tagged and tagged.warnings == ("w",)
