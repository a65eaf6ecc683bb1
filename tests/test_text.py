from parlonsen.text import fold, search_key


def test_fold_drops_accents_case_punctuation_and_ligatures():
    assert fold("Lycée Saint-Éloi") == "lycee saint eloi"
    assert fold("Collège du Sacré-Cœur") == "college du sacre coeur"


def test_search_key_joins_the_non_empty_parts():
    assert search_key("Lycée Jean Bart", "", "59000") == "lycee jean bart 59000"
