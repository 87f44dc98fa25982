"""train/wmt_english.py: which sentences of the WMT English count as edited prose (made-up
sentences; the snapshot itself is not needed)."""

import pytest

from train.wmt_english import FILES, SETS, WMT21_FILES, well_formed


@pytest.mark.parametrize(
    "s",
    [
        "The council said on Tuesday that the bridge would open in the spring.",
        '"We will not stop," she said.',
        "2023 was the warmest year on record, the agency said.",
        "Why did the vote fail?",
    ],
)
def test_edited_prose_is_kept(s):
    assert well_formed(s)


@pytest.mark.parametrize(
    "s",
    [
        "so i went back to the shop and they said no.",  # starts in lower case
        "Great value if it fits",  # no closing stop
        "(PERSON2) Yeah, I think we can do that.",  # a speaker tag of a transcript
        "Read the rest at https://example.org now.",  # a link
        "THIS IS THE WORST CHARGER I HAVE EVER BOUGHT.",  # in capitals
    ],
)
def test_chat_and_transcripts_are_left_out(s):
    assert not well_formed(s)


def test_no_zh_en_file_and_no_system_output_is_read():
    assert not any("zh-en" in f or "system-outputs" in f for f in FILES)


def test_wmt21_reads_no_zh_en_file_and_no_system_output():
    # newstest2021 zh-en is mt-news-errors' held-out evaluation.
    assert SETS["wmt21"][0] == WMT21_FILES
    assert not any("zh-en" in f or "zh" in f.rsplit("/", 1)[-1] for f in WMT21_FILES)
    assert all(f.startswith(("txt/sources/", "txt/references/")) and f.endswith(".en") for f in WMT21_FILES)
    assert not any("system-outputs" in f for f in WMT21_FILES)
