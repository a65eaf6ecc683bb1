from parlonsen import routes


def test_a_dynamic_path_gives_its_route_parameters():
    assert routes.params_of("/etablissement/0620006V/ecrire") == {"uai": "0620006V"}
    assert routes.params_of("/admin/departement/59") == {"code": "59"}
    assert routes.params_of("/autre/chose") == {}


def test_links_sent_out_never_carry_a_forged_origin(monkeypatch):
    monkeypatch.delenv("PARLONSEN_PUBLIC_URL", raising=False)
    assert routes.public_base_url("https://parlons-en.fr") == "https://parlons-en.fr"
    assert routes.public_base_url("https://evil.example/phish?x=") == "http://localhost:3000"
    assert routes.public_base_url("") == "http://localhost:3000"
    monkeypatch.setenv("PARLONSEN_PUBLIC_URL", "https://parlonsen.hdf.fr/")
    assert routes.public_base_url("https://evil.example") == "https://parlonsen.hdf.fr"
