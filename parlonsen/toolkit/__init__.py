"""Interactive resources: students' self-check scales and the professionals' toolkit.

Pure core (no Reflex): content models, loaders and decision functions. Content lives in
`parlonsen/content/outils/`; `load_toolkit()` validates all of it at start and in `check-content`.
"""

from parlonsen.toolkit.disclosure import load_disclosure_guide
from parlonsen.toolkit.report_decision import load_report_helper
from parlonsen.toolkit.selfcheck import load_scales
from parlonsen.toolkit.signals import load_signals


def load_toolkit() -> None:
    """Load and cross-check every tool's content; raise ContentError naming file, field and value."""
    load_scales()
    load_signals()
    load_disclosure_guide()
    load_report_helper()
