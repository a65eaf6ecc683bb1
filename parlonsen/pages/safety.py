"""/naviguer-en-securite, /confidentialite and /accessibilite: what the site does to keep a child safe, said plainly."""

import reflex as rx

from parlonsen import routes
from parlonsen.components.layout import page
from parlonsen.components.links import link


def safe_browsing_page() -> rx.Component:
    return page(
        rx.el.h1("Naviguer en sécurité"),
        rx.el.h2("Le bouton « Quitter ce site »"),
        rx.el.p(
            "Il est en haut de chaque page. Il cache la page tout de suite et ouvre un site de météo. "
            "Sur un ordinateur, tu peux aussi appuyer 3 fois sur la touche Maj (Shift)."
        ),
        rx.el.p(
            "Ce qu'il fait : il cache la page, il efface tes réponses de cet onglet, ici et sur notre serveur, "
            "et il ouvre un autre site à la place de la page. Si quelqu'un appuie sur « Retour », il ne voit "
            "pas la page que tu lisais, ni tes réponses."
        ),
        rx.el.p(
            "Quand tu écris dans une case (une recherche, un message), la touche Maj ne fait pas quitter : "
            "touche le bouton rouge. Les petits points à côté du bouton montrent combien de fois tu as appuyé."
        ),
        rx.el.p(
            rx.el.strong("Ce qu'il ne fait pas : "),
            "il n'efface pas l'historique du navigateur. "
            "Quelqu'un qui regarde l'historique peut voir que tu es venu·e.",
        ),
        rx.el.p(
            "Dans l'historique, le titre des pages dit seulement le nom du site et le genre de page "
            "(« Les violences », « Questions »), jamais ce que tu as lu ou répondu. Mais le nom du site se voit."
        ),
        rx.el.h2("Les tchats s'ouvrent dans un nouvel onglet"),
        rx.el.p(
            "Un lien marqué « nouvel onglet » (le tchat du 119, du 3018…) ouvre un autre onglet. "
            "« Quitter ce site » ne le ferme pas : quand tu as fini, ferme aussi cet onglet-là."
        ),
        rx.el.h2("Navigation privée"),
        rx.el.p("En navigation privée, le téléphone ne garde pas l'historique. Pour l'ouvrir :"),
        rx.el.ul(
            rx.el.li(
                rx.el.strong("Chrome (Android) : "), "touche ⋮ en haut, puis « Nouvel onglet de navigation privée »."
            ),
            rx.el.li(rx.el.strong("Safari (iPhone) : "), "touche les deux carrés en bas, puis « Privée »."),
            rx.el.li(
                rx.el.strong("Samsung Internet : "), "touche les onglets en bas, puis « Activer le mode secret »."
            ),
            rx.el.li(rx.el.strong("Firefox : "), "touche ⋮ ou ☰, puis « Nouvel onglet privé »."),
        ),
        rx.el.h2("Effacer ta visite"),
        rx.el.p("Tu peux effacer seulement ce site, sans tout effacer (tout effacer peut se remarquer) :"),
        rx.el.ul(
            rx.el.li(rx.el.strong("Chrome : "), "⋮, « Historique », puis touche la croix à côté de la page."),
            rx.el.li(rx.el.strong("Safari : "), "le livre en bas, l'horloge, puis glisse la page vers la gauche."),
            rx.el.li(rx.el.strong("Samsung Internet : "), "☰, « Historique », appui long sur la page, « Supprimer »."),
            rx.el.li(rx.el.strong("Firefox : "), "☰, « Historique », appui long sur la page, « Supprimer »."),
        ),
        rx.el.h2("Quelques conseils"),
        rx.el.ul(
            rx.el.li("Si tu peux, prends un téléphone que la personne qui te fait du mal n'utilise pas."),
            rx.el.li("Au collège ou au lycée, ferme l'onglet quand tu as fini."),
            rx.el.li("Garde ton code de suivi pour toi : c'est lui qui ouvre ta conversation."),
        ),
        rx.el.p(
            "Aucun bouton ne protège de tout. Si quelqu'un surveille ton téléphone, parle plutôt à un adulte de "
            "confiance, ou appelle le 119 : c'est gratuit et ça n'apparaît pas sur la facture.",
            class_name="notice",
        ),
    )


def privacy_page() -> rx.Component:
    return page(
        rx.el.h1("Confidentialité"),
        rx.el.p("Ce que le site garde, ce qu'il ne garde pas, et qui peut voir quoi.", class_name="lead"),
        rx.el.h2("Ce que nous ne gardons pas"),
        rx.el.ul(
            rx.el.li("Tes réponses aux questions : elles restent dans ton onglet, le temps de ta visite."),
            rx.el.li("Pas de publicité, pas de mesure d'audience, aucun service extérieur : tout vient de ce site."),
            rx.el.li("Ton adresse, ton nom : nous ne les demandons pas."),
        ),
        rx.el.h2("Ce que nous gardons, et combien de temps"),
        rx.el.ul(
            rx.el.li(
                "Les messages écrits aux adultes de ton établissement : chiffrés, lus seulement par le groupe des "
                "adultes de confiance de ton établissement. Effacés 90 jours après la fin de la conversation."
            ),
            rx.el.li("Ton code de suivi : nous n'en gardons qu'une empreinte ; personne ne peut le retrouver."),
            rx.el.li("Si tu te connectes par l'ENT : ta connexion, 8 heures au plus, puis elle est effacée."),
        ),
        rx.el.h2("Ce que ton navigateur garde"),
        rx.el.ul(
            rx.el.li(
                rx.el.code("token"), " (stockage de l'onglet) : relie l'onglet au site ; disparaît à sa fermeture."
            ),
            rx.el.li(
                rx.el.code("theme"),
                " (stockage du navigateur) : l'affichage clair ou sombre ; effacé par « Quitter ce site ».",
            ),
            rx.el.li(rx.el.code("parlonsen_ent"), " (cookie, seulement si tu te connectes par l'ENT) : 8 heures."),
            rx.el.li(rx.el.code("parlonsen_ent_state"), " (cookie, pendant la connexion par l'ENT) : 10 minutes."),
            rx.el.li(
                rx.el.code("parlonsen_admin"),
                " (stockage de l'onglet, adultes et administrateurs connectés) : disparaît à la fermeture de l'onglet.",
            ),
        ),
        rx.el.h2("Pour les parents"),
        rx.el.p(
            "Si un enfant est en danger, les adultes qui lisent son message doivent le protéger : ils peuvent "
            "prévenir la direction, la CRIP ou la justice. C'est la loi, et c'est dit à l'enfant avant qu'il écrive."
        ),
        rx.el.p(link("Naviguer en sécurité", href=routes.SAFE_BROWSING)),
    )


def accessibility_page() -> rx.Component:
    return page(
        rx.el.h1("Déclaration d'accessibilité"),
        rx.el.p(
            "Nous voulons que chaque enfant puisse utiliser ce site, avec un lecteur d'écran, au clavier, "
            "avec un grand zoom ou sur un petit téléphone. Référentiel : WCAG 2.2 niveau AA, qui contient le "
            "RGAA 4 (WCAG 2.1 AA) et ajoute ce qui compte sur un petit écran tactile."
        ),
        rx.el.h2("Ce qui est vérifié automatiquement, à chaque modification"),
        rx.el.ul(
            rx.el.li(
                "axe-core avec les règles WCAG 2.0, 2.1 et 2.2 (A et AA) sur chaque page publique et "
                "d'administration, à chaque étape des questions, sur chaque résultat (élève, témoin, parent, "
                "professionnel) et dans les états d'erreur : zéro erreur."
            ),
            rx.el.li(
                "Focus jamais caché (2.4.11) : sur chaque page, à 320 et 375 pixels de large, chaque élément atteint "
                "avec la touche Tab reste visible, jamais sous la barre du haut qui reste à l'écran."
            ),
            rx.el.li(
                "Taille des cibles (2.5.8) : chaque lien ou bouton mesure au moins 24×24 pixels (ou est assez "
                "espacé) ; les boutons d'appel (119, 17, 112, 114, chaque aide) et les réponses aux questions "
                "mesurent au moins 44×44 pixels."
            ),
            rx.el.li("Aide cohérente (3.2.6) : la barre d'aide est au même endroit, en haut, sur chaque page."),
            rx.el.li(
                "Authentification accessible (3.3.8) : la connexion des administrateurs et des adultes de confiance "
                "accepte le copier-coller et les gestionnaires de mots de passe (champs « username » et "
                "« current-password »), sans test cognitif ni captcha."
            ),
            rx.el.li("Le questionnaire et le formulaire de message, faits entièrement au clavier."),
            rx.el.li("Le focus va sur le titre de chaque nouvelle question ; chaque étape a son titre de page."),
            rx.el.li("Une largeur de 320 pixels sans défilement horizontal ; le texte agrandi à 200 %."),
            rx.el.li("La langue de la page (français) et des textes simples pour les élèves (lisibilité mesurée)."),
        ),
        rx.el.h2("Ce qui est vérifié en lisant le code"),
        rx.el.ul(
            rx.el.li("Mouvements de glissement (2.5.7) : aucune action ne demande de faire glisser quoi que ce soit."),
            rx.el.li(
                "Saisie redondante (3.3.7) : rien de ce qui a été tapé n'est redemandé. Un message refusé ou "
                "non envoyé reste à l'écran ; un formulaire d'administration refusé garde ses champs."
            ),
        ),
        rx.el.h2("Ce qui n'a pas encore été vérifié"),
        rx.el.p(
            "Un audit RGAA complet par des personnes, et des tests avec des enfants qui utilisent un lecteur "
            "d'écran. Si quelque chose vous gêne, dites-le à l'administrateur de votre ENT."
        ),
    )
