"""The route table (`parlonsen/site.py`) against the paths of `parlonsen/routes.py`."""

import re

from parlonsen import routes, site

HTTP_ONLY = {  # Starlette routes, not pages
    routes.ENT_SIGN_IN, routes.ENT_RETURN, routes.ENT_SIGN_OUT, routes.FORGET,
    routes.HEALTHZ, routes.READYZ, routes.METRICS,
}  # fmt: skip


def test_every_path_constant_has_exactly_one_page():
    table = [page.route for page in site.pages()]
    assert len(table) == len(set(table)), "two pages at one path"
    constants = {
        value for name, value in vars(routes).items() if name.isupper() and isinstance(value, str) and value[:1] == "/"
    }
    missing = constants - HTTP_ONLY - set(table)
    assert missing == set(), f"paths with no page: {missing}"
    assert set(routes.DYNAMIC_ROUTES) <= set(table)


def test_the_builders_make_paths_the_table_serves_and_give_their_parameters_back():
    table = {page.route for page in site.pages()}
    assert routes.violence("harcelement") in table and routes.journey("parent") in table
    assert routes.scale("harcelometre") in table and routes.question_path("eleve", 2) in table
    for built, route, parameter in [
        (routes.school("0590001A"), routes.SCHOOL_ROUTE, {"uai": "0590001A"}),
        (routes.school_write("0590001A"), routes.SCHOOL_WRITE_ROUTE, {"uai": "0590001A"}),
        (routes.school_poster("0590001A"), routes.SCHOOL_POSTER_ROUTE, {"uai": "0590001A"}),
        (routes.admin_school("0590001A"), routes.ADMIN_SCHOOL_ROUTE, {"uai": "0590001A"}),
        (routes.admin_departement("59"), routes.ADMIN_DEPARTEMENT_ROUTE, {"code": "59"}),
    ]:
        assert route in table
        assert routes.params_of(built) == parameter
        assert routes.param(built, next(iter(parameter))) == next(iter(parameter.values()))


def test_every_title_ends_with_the_sites_name_and_never_names_a_form_of_violence():
    forms = {page.route.rsplit("/", 1)[1] for page in site.pages() if page.route.startswith(routes.VIOLENCES + "/")}
    for page in site.pages():
        assert page.title.endswith(routes.SITE)
        assert not any(re.search(form, page.title, re.IGNORECASE) for form in forms), page.title
