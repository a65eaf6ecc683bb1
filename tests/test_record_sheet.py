"""The record sheet's page tree: plain fields that nothing can send to the server, each with its label."""

import re
from collections.abc import Iterator

from reflex_base.components.component import Component

from parlonsen.pages.record_sheet import INFORMED, record_sheet_page

CONTROLS = ("input", "textarea", "select")


def walk(component: Component) -> Iterator[Component]:
    yield component
    for child in component.children:
        yield from walk(child)


def sheet() -> list[Component]:
    """Only the sheet itself: the shared layout around it (quick exit, help bar) is tested elsewhere."""
    root = next(c for c in walk(record_sheet_page()) if prop(c, "class_name") == "fiche")
    return list(walk(root))


def tag(component: Component) -> str:
    return str(component.tag or "").strip('"')


def prop(component: Component, name: str) -> str:
    value = getattr(component, name, None)
    return "" if value is None else str(value).strip('"')


def test_the_sheet_has_no_event_handler_no_state_and_no_form_to_submit():
    components = sheet()
    assert [tag(c) for c in components if c.event_triggers] == [], "a handler would send the fields to the server"
    assert "form" not in {tag(c) for c in components}
    rendered = str(components[0].render())
    assert re.findall(r"\bon[A-Z]\w*", rendered) == []
    assert "State" not in rendered and "addEvents" not in rendered
    # Only <option>s carry a value, a fixed one: a value bound to anything would make a field controlled.
    assert re.findall(r"(?:value|defaultValue|checked):(?!\")", rendered) == [], "fields stay uncontrolled"


def test_every_field_has_a_label_and_autocomplete_off():
    components = sheet()
    controls = [c for c in components if tag(c) in CONTROLS]
    labelled = {prop(c, "html_for") for c in components if tag(c) == "label"}
    ids = [prop(c, "id") for c in controls]
    assert len(ids) >= 13 + len(INFORMED), ids
    assert [i for i in ids if i not in labelled] == []
    assert [i for c, i in zip(controls, ids, strict=True) if prop(c, "auto_complete") != "off"] == []


def test_every_field_but_the_checkboxes_has_a_name_for_the_printed_sheet():
    controls = [c for c in sheet() if tag(c) in CONTROLS and prop(c, "type") != "checkbox"]
    unnamed = [prop(c, "id") for c in controls if not c.custom_attrs.get("data-print")]
    assert unnamed == []


def test_the_two_buttons_are_plain_buttons_with_the_ids_the_script_listens_to():
    buttons = {prop(c, "id"): prop(c, "type") for c in sheet() if tag(c) == "button"}
    assert buttons == {"fiche-imprimer": "button", "fiche-effacer": "button"}
