"""/discretion: what the quick exit does and does not hide, and how to stay discreet."""

import reflex as rx

from parlonsen.components.layout import page


def discretion_page() -> rx.Component:
    return page(
        rx.el.h1("Rester discret"),
        rx.el.h2("Le bouton « Quitter ce site »"),
        rx.el.p(
            "En haut de chaque page, le bouton rouge « Quitter ce site » cache la page tout de suite et ouvre un site "
            "de météo. Tu peux aussi appuyer 3 fois sur la touche Maj (Shift) du clavier."
        ),
        rx.el.p(
            "Ce que le bouton fait : il cache la page, oublie tes réponses dans cet onglet et ouvre un autre site. "
            "Ce qu'il ne fait pas : il n'efface pas l'historique de ton navigateur. Quelqu'un qui regarde "
            "l'historique peut voir que tu es venu·e ici."
        ),
        rx.el.h2("Tes réponses"),
        rx.el.p(
            "Tes réponses restent seulement dans cet onglet, le temps que tu utilises le site. Elles ne sont pas "
            "dans l'adresse de la page, pas enregistrées dans une base de données, et personne ne les lit. "
            "Ce site n'utilise pas d'outil de mesure d'audience ni de publicité."
        ),
        rx.el.p(
            "Si tu écris aux adultes de ton établissement, ton message est gardé chiffré : seuls les adultes du "
            "groupe de confiance de ton établissement peuvent le lire. Il est effacé 90 jours après la fin de la "
            "conversation. Garde ton code de suivi pour toi : c'est lui qui ouvre la conversation."
        ),
        rx.el.h2("Quelques conseils"),
        rx.el.ul(
            rx.el.li(
                "Si tu peux, utilise un téléphone ou un ordinateur que la personne qui te fait du mal n'utilise pas."
            ),
            rx.el.li("La navigation privée n'enregistre pas l'historique : pense à l'utiliser."),
            rx.el.li(
                "Effacer tout l'historique peut attirer l'attention : tu peux supprimer seulement les pages de ce site."
            ),
            rx.el.li("Au collège ou au lycée, ferme l'onglet quand tu as fini."),
        ),
        rx.el.p(
            "Aucun bouton ne protège de tout : si quelqu'un surveille ton téléphone, "
            "parle plutôt à un adulte de confiance "
            "ou appelle le 119, gratuit, qui n'apparaît pas sur la facture.",
            class_name="notice",
        ),
    )
