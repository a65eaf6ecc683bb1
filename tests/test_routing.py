from parlonsen.state.routing import PUBLIC_URL_ENV, public_base_url, route_param


def test_route_param_reads_the_dynamic_segment():
    assert route_param("/etablissement/0620006V/ecrire", "/etablissement/") == "0620006V"
    assert route_param("/autre/chose", "/etablissement/") == ""


def test_links_sent_out_never_carry_a_forged_origin(monkeypatch):
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)
    assert public_base_url("https://parlons-en.fr") == "https://parlons-en.fr"
    assert public_base_url("https://evil.example/phish?x=") == "http://localhost:3000"
    assert public_base_url("") == "http://localhost:3000"
    monkeypatch.setenv(PUBLIC_URL_ENV, "https://parlonsen.hdf.fr/")
    assert public_base_url("https://evil.example") == "https://parlonsen.hdf.fr"
