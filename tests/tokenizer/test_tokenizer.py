from yeongilman.tokenizer import tokenize, tokenize_query


def test_korean_suffix_is_split_off_the_noun():
    assert "배터리" in tokenize("배터리용 소재")


def test_korean_particle_does_not_hide_the_compound():
    assert "이차전지" in tokenize("이차전지의 핵심 소재")
    assert tokenize_query("이차전지") == ["이차전지"]


def test_query_compound_replaces_its_parts():
    assert tokenize_query("수소연료전지 클러스터") == ["수소연료전지", "클러스터"]


def test_english_is_stemmed_and_case_folded():
    assert tokenize("Batteries") == tokenize("battery")
    assert tokenize("Manufacturing") == tokenize("manufacture")


def test_english_stopwords_are_dropped():
    assert tokenize("the battery and the cell") == tokenize("battery cell")


def test_mixed_text_keeps_both_languages():
    tokens = tokenize("포항 LFP Batteries 공장")
    assert {"포항", "lfp", "batteri", "공장"} <= set(tokens)


def test_empty_text_has_no_tokens():
    assert tokenize("   ") == []
    assert tokenize_query("") == []
