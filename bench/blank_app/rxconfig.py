"""A blank Reflex app: the framework's floor for bench/scale.py (memory per session, trivial event)."""

import reflex as rx

config = rx.Config(app_name="blank_app", telemetry_enabled=False)
