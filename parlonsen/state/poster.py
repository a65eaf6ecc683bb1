"""/etablissement/<uai>/affiche: a printable A4 poster with a QR code to the school's page. Public, no login."""

import reflex as rx
import segno

from parlonsen import routes
from parlonsen.services.directory import school_page
from parlonsen.state.off_loop import off_loop
from parlonsen.state.views import AdultView, adult_view, school_place

QR_INK = "#1b1b2f"


def qr_code_svg(url: str) -> str:
    """An inline SVG QR code (error correction M: still readable when a poster is creased or scuffed)."""
    return segno.make(url, error="m").svg_inline(scale=6, dark=QR_INK)


class PosterState(rx.State):
    loaded: bool = False
    found: bool = False
    school_name: str = ""
    place: str = ""
    school_url: str = ""
    qr_svg: str = ""
    adults: list[AdultView] = []

    @rx.event
    @off_loop
    def load(self) -> None:
        """On page load: the school named by the URL; an unknown UAI shows a kind message."""
        uai = routes.param(self.router.url.path, "uai")
        with rx.session() as session:
            page = school_page(session, uai)
            if page is None:
                self.loaded, self.found = True, False
                self.school_name = self.place = self.school_url = self.qr_svg = ""
                self.adults = []
                return
            school = page.etablissement
            self.school_name = school.name
            self.place = school_place(school)
            self.adults = [adult_view(c) for c in page.contacts]
            self.school_url = routes.public_base_url(self.router.headers.origin) + routes.school(school.uai)
        self.qr_svg = qr_code_svg(self.school_url)
        self.loaded, self.found = True, True
