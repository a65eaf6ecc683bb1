"""/pro/fiche-de-recueil: the record of a child's disclosure, filled and printed in the browser only.

The fields are plain, uncontrolled HTML outside any <form>: no Reflex state and no event handler, so
their content never travels over the websocket or HTTP. /record_sheet.js copies them as text into the
print-only section and opens the browser's print dialog (its "Enregistrer au format PDF" makes the PDF).
"""

import reflex as rx

from parlonsen.components.layout import page

INFORMED = (
    ("chef", "Chef d'établissement ou directeur·rice d'école"),
    ("cpe", "CPE"),
    ("infirmier", "Infirmier·ère scolaire"),
    ("assistant-social", "Assistant·e social·e"),
    ("crip", "CRIP (cellule de recueil des informations préoccupantes)"),
    ("procureur", "Procureur de la République"),
    ("119", "119 (Allô Enfance en danger)"),
)

ORIGINS = (
    "L'enfant est venu·e m'en parler de lui-même ou d'elle-même",
    "L'enfant en a parlé pendant un cours ou une activité",
    "J'ai remarqué quelque chose et je lui ai demandé",
    "Un autre élève ou un adulte m'a alerté·e",
    "Autrement (à préciser ci-dessous)",
)


def hint(field_id: str, text: str) -> rx.Component:
    return rx.el.p(text, id=f"{field_id}-aide", class_name="fiche-hint")


def field(
    field_id: str,
    label: str,
    *,
    kind: str = "text",
    hint_text: str = "",
    described_by: str = "",
    rows: int = 0,
    **props: object,
) -> rx.Component:
    """A label, an optional hint and one uncontrolled control; `data-print` names it on the printed sheet."""
    if hint_text:
        described_by = f"{field_id}-aide"
    common = {
        "id": field_id,
        "class_name": "fiche-input",
        "auto_complete": "off",
        **({"aria_describedby": described_by} if described_by else {}),
        **props,
        "custom_attrs": {"data-print": label, **props.get("custom_attrs", {})},
    }
    control = rx.el.textarea(rows=rows, **common) if rows else rx.el.input(type=kind, **common)
    return rx.el.div(
        rx.el.label(label, html_for=field_id),
        hint(field_id, hint_text) if hint_text else rx.fragment(),
        control,
        class_name="fiche-field",
    )


def origin_select() -> rx.Component:
    label = "Comment l'échange a commencé"
    return rx.el.div(
        rx.el.label(label, html_for="fiche-origine"),
        rx.el.select(
            rx.el.option("— Choisir —", value=""),
            *[rx.el.option(text, value=str(i)) for i, text in enumerate(ORIGINS, start=1)],
            id="fiche-origine",
            class_name="fiche-input",
            auto_complete="off",
            custom_attrs={"data-print": label},
        ),
        class_name="fiche-field",
    )


def section(title: str, *children: rx.Component, printed_as: str = "") -> rx.Component:
    return rx.el.section(rx.el.h2(title, custom_attrs={"data-print": printed_as or title}), *children)


def informed_checkboxes() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Qui avez-vous informé ?"),
        *[
            rx.el.div(
                rx.el.input(type="checkbox", id=f"fiche-informe-{key}", auto_complete="off"),
                rx.el.label(text, html_for=f"fiche-informe-{key}"),
                class_name="fiche-check",
            )
            for key, text in INFORMED
        ],
        custom_attrs={"data-print": "Personnes informées"},
        class_name="fiche-checks",
    )


def record_form() -> rx.Component:
    """A <div>, not a <form>: nothing to submit, even with JavaScript off or Enter pressed in a field."""
    return rx.el.div(
        section(
            "L'échange",
            rx.el.div(
                field("fiche-date", "Date de l'échange", kind="date"),
                field("fiche-heure", "Heure", kind="time"),
                class_name="fiche-row",
            ),
            field("fiche-lieu", "Lieu", hint_text="Par exemple : salle de classe, infirmerie, cour."),
            origin_select(),
            field(
                "fiche-contexte",
                "Contexte",
                rows=3,
                hint_text="Comment la conversation est venue, ce qui se passait juste avant.",
            ),
            field("fiche-presents", "Personnes présentes", hint_text="Vous, l'enfant, et toute autre personne."),
        ),
        section(
            "L'enfant (facultatif)",
            hint("fiche-enfant", "Suivez les règles de votre établissement sur les données personnelles."),
            rx.el.div(
                field("fiche-enfant-prenom", "Prénom de l'enfant", described_by="fiche-enfant-aide"),
                field("fiche-enfant-classe", "Classe", described_by="fiche-enfant-aide"),
                class_name="fiche-row",
            ),
            printed_as="L'enfant",
        ),
        section(
            "Ce que l'enfant a dit",
            field(
                "fiche-paroles",
                "Les mots exacts de l'enfant",
                rows=10,
                hint_text="Entre guillemets, sans reformuler. Notez aussi vos questions, telles que vous les avez "
                "posées.",
                spell_check=False,  # the child's words as said: no autocorrection
                custom_attrs={"autoCorrect": "off"},
            ),
        ),
        section(
            "Ce que vous avez observé",
            field(
                "fiche-observations",
                "Vos observations",
                rows=5,
                hint_text="Comportement, marques visibles : des faits, pas des interprétations.",
            ),
        ),
        section(
            "La suite",
            field(
                "fiche-dit-a-l-enfant",
                "Ce que vous avez dit à l'enfant sur la suite",
                rows=3,
                hint_text="Par exemple : à qui vous allez en parler pour le ou la protéger. Ne promettez pas le "
                "secret.",
            ),
            informed_checkboxes(),
            field(
                "fiche-informe-precisions",
                "Qui, quand et comment",
                rows=3,
                hint_text="Nom ou fonction, date et heure, par téléphone ou par écrit.",
            ),
        ),
        section(
            "Vous",
            field("fiche-auteur-nom", "Votre nom"),
            field("fiche-auteur-fonction", "Votre fonction"),
            printed_as="Rédigé par",
        ),
        class_name="fiche-form",
        id="fiche-formulaire",
    )


def print_view() -> rx.Component:
    """Hidden on screen and the only thing printed; /record_sheet.js fills it with text copied from the fields."""
    return rx.el.section(
        rx.el.h1("Fiche de recueil de la parole de l'enfant"),
        rx.el.p(id="fiche-impression-date"),
        rx.el.div(id="fiche-impression-contenu"),
        rx.el.p(
            "Document confidentiel, établi par la personne qui a recueilli la parole de l'enfant. "
            "Il n'a été ni envoyé ni enregistré par le site « Violences, parlons-en ».",
            class_name="fiche-print-note",
        ),
        rx.el.p("Signature :", class_name="fiche-signature"),
        class_name="fiche-print",
        id="fiche-impression",
    )


def record_sheet_page() -> rx.Component:
    return page(
        rx.el.div(
            rx.el.h1("Fiche de recueil"),
            rx.el.p(
                "Notez au plus près ce que l'enfant vous a dit et ce que vous avez fait, le jour même. "
                "Une trace fidèle aide ceux qui prennent le relais et évite à l'enfant de tout répéter.",
                class_name="lead",
            ),
            rx.el.div(
                rx.el.p(
                    rx.el.strong(
                        "Cette fiche reste dans votre navigateur : rien n'est envoyé ni enregistré par ce site. "
                        "Imprimez-la ou enregistrez-la en PDF avant de fermer la page."
                    )
                ),
                rx.el.p(
                    "Elle ne remplace pas l'information de votre chef d'établissement (ou directeur·rice d'école) "
                    "ni la procédure : information préoccupante à la CRIP, ou signalement au procureur de la "
                    "République si l'enfant est en danger grave. En cas de danger immédiat : 17 ou 112."
                ),
                class_name="notice",
                id="fiche-avertissement",
            ),
            record_form(),
            rx.el.div(
                rx.el.button("Imprimer ou enregistrer en PDF", type="button", class_name="button", id="fiche-imprimer"),
                rx.el.button("Effacer la fiche", type="button", class_name="button secondary", id="fiche-effacer"),
                class_name="actions",
            ),
            rx.el.p(
                "Dans la fenêtre d'impression, choisissez « Enregistrer au format PDF » pour garder un fichier. "
                "Le PDF est enregistré sur cet appareil : rangez-le selon les règles de votre établissement, "
                "surtout sur un ordinateur partagé.",
                class_name="muted",
            ),
            rx.el.p(id="fiche-statut", role="status", class_name="sr-only"),
            print_view(),
            class_name="fiche",
        )
    )
