import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supervisor_tui.domain.enums import Function, KolbStage
from supervisor_tui.domain.prompts import CLOSING, REFLECTIVE, cycle, filter_prompts
from supervisor_tui.domain.quality import QUALITY_QUESTIONS
from supervisor_tui.domain.text_safety import CONTROL
from supervisor_tui.prompts.loader import PromptLibraryError, load_prompts, parse_library
from tests.strategies import short_text


def test_bundled_library_covers_every_function_and_stage():
    prompts = load_prompts()
    reflective = filter_prompts(prompts, group=REFLECTIVE)
    assert len(reflective) >= 40
    for function in Function:
        for stage in KolbStage:
            assert filter_prompts(reflective, function, stage), (function, stage)
    assert len({p.id for p in prompts}) == len(prompts)


def test_closing_questions_are_their_own_group():
    closing = filter_prompts(load_prompts(), group=CLOSING)
    assert [p.text for p in closing] == list(QUALITY_QUESTIONS.values())
    assert all(p.function is None and p.stage is None for p in closing)


def test_filters_combine():
    prompts = load_prompts()
    found = filter_prompts(prompts, Function.RESTORATIVE, KolbStage.ANALYSIS)
    assert found and all(
        p.function is Function.RESTORATIVE and p.stage is KolbStage.ANALYSIS for p in found
    )
    assert filter_prompts(prompts, stage=KolbStage.EXPERIENCE) == [
        p for p in prompts if p.stage is KolbStage.EXPERIENCE
    ]


def test_user_file_replaces_by_id_and_adds(tmp_path: Path):
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[prompt]]\nid = "nor-exp-1"\nfunction = "normative"\nstage = "experience"\n'
        'text = "What happened, step by step?"\n\n'
        '[[prompt]]\nid = "my-1"\nfunction = "restorative"\nstage = "reflection"\n'
        'text = "What are you carrying home from this week?"\n',
        encoding="utf-8",
    )
    base = load_prompts()
    merged = load_prompts([extra])
    assert len(merged) == len(base) + 1
    by_id = {p.id: p for p in merged}
    assert by_id["nor-exp-1"].text == "What happened, step by step?"
    assert by_id["my-1"].function is Function.RESTORATIVE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[prompt]]\nid = "a"\nfunction = "normative"\nstage = "experience"\n', "text is missing"),
        ('[[prompt]]\nid = "a"\nfunction = "nope"\nstage = "experience"\ntext = "x"\n', "nope"),
        ('[[prompt]]\nid = "a"\nstage = "experience"\ntext = "x"\n', "function is missing"),
        ('[[prompt]]\nid = "a b"\nfunction = "normative"\nstage = "analysis"\ntext = "x"\n',
         "id must be"),
        ('[[prompt]]\nid = "a"\nfunction = "normative"\nstage = "analysis"\ntext = "x"\n'
         '[[prompt]]\nid = "a"\nfunction = "normative"\nstage = "analysis"\ntext = "y"\n',
         "used twice"),
        ("[[prompt]\n", "mine.toml"),
    ],
)
def test_bad_files_are_refused_with_a_message(text, message):
    with pytest.raises(PromptLibraryError, match=message):
        parse_library(text, "mine.toml")


def test_unreadable_extra_file_names_it(tmp_path: Path):
    with pytest.raises(PromptLibraryError, match="missing.toml"):
        load_prompts([tmp_path / "missing.toml"])


def test_cycle_wraps_round():
    options = [None, "a", "b"]
    assert cycle(options, None) == "a"
    assert cycle(options, "b") is None
    assert cycle(options, "zzz") is None


def test_adding_to_a_file_that_is_not_utf8_says_so_and_leaves_it(tmp_path: Path):
    from supervisor_tui.domain.prompts import Prompt
    from supervisor_tui.prompts.loader import add_user_prompt

    path = tmp_path / "prompts.toml"
    path.write_bytes(b"# caf\xe9\n")
    prompt = Prompt(id="mine-1", text="What helped?", function=Function.RESTORATIVE,
                    stage=KolbStage.REFLECTION)
    with pytest.raises(PromptLibraryError, match="not UTF-8"):
        add_user_prompt(path, prompt)
    assert path.read_bytes() == b"# caf\xe9\n"


_field = st.one_of(st.sampled_from(["normative", "formative", "restorative", "experience",
                                    "analysis", "a", ""]), short_text, st.integers(),
                   st.booleans())


def _toml_value(value: object) -> str:
    return json.dumps(value) if not isinstance(value, bool) else str(value).lower()


@settings(max_examples=200, deadline=None)
@given(entries=st.lists(st.fixed_dictionaries({}, optional={
    "id": _field, "text": _field, "function": _field, "stage": _field, "extra": _field}),
    max_size=3), raw=st.one_of(st.just(""), short_text))
def test_any_prompt_file_loads_or_is_refused_naming_it(entries, raw):
    """Whatever a prompt file holds (hostile text, wrong types, broken TOML): its prompts load,
    without a character a terminal would act on, or it is refused with a message naming it."""
    text = raw + "\n" + "".join(
        "[[prompt]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in entry.items())
        for entry in entries)
    try:
        prompts = parse_library(text, "mine.toml")
    except PromptLibraryError as exc:
        assert str(exc).startswith("mine.toml")
        return
    for prompt in prompts:
        assert CONTROL.search(prompt.text) is None
