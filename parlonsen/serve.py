"""Serve the built app in production mode on one port, without rebuilding the frontend.

`reflex run --env prod` recompiles and rebuilds the frontend at every start. `make run` builds it
only when a source changed (`reflex export --frontend-only`) and then starts here, in seconds.
This uses Reflex's own production backend runner (granian), with the compiled frontend mounted.
"""

import argparse
import errno
import logging
import os
import socket
import sys
from pathlib import Path

# Before anything imports prometheus_client: Granian forks its workers from this process, and a counter made
# before this variable is set would count in one process only (`parlonsen/metrics.py`).
METRICS_DIR = Path(__file__).resolve().parents[1] / ".web" / "metrics"
METRICS_DIR.mkdir(parents=True, exist_ok=True)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(METRICS_DIR)

from reflex import constants  # noqa: E402
from reflex.utils import exec as reflex_exec  # noqa: E402
from reflex_base.config import get_config  # noqa: E402
from reflex_base.environment import environment  # noqa: E402
from reflex_base.utils import console  # noqa: E402

from parlonsen import logs, settings  # noqa: E402

logger = logging.getLogger("parlonsen.serve")


def port_taken(host: str, port: int) -> bool:
    """Whether something already listens on this port. The server binds with SO_REUSEPORT, so a second one would
    start silently and the system would share the connections between an old process and the new one."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed socket's TIME_WAIT is not a server
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # one bound to another address of this machine
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m parlonsen.serve")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--host", default=settings.current().host)
    args = parser.parse_args()
    logs.configure(settings.current().log_level, settings.current().log_format)
    if port_taken(args.host, args.port):
        logger.error("port %s is already served: stop that server first (make run twice?); not starting", args.port)
        sys.exit(f"Le port {args.port} est déjà utilisé par un autre serveur : arrêtez-le d'abord.")
    for stale in METRICS_DIR.glob("*.db"):  # a previous run's counters (this process's own files stay)
        if not stale.stem.endswith(f"_{os.getpid()}"):
            stale.unlink(missing_ok=True)
    config = get_config()
    if args.port != config.backend_port:
        # The frontend build has the backend address baked in: serve on the port it was built for.
        environment.REFLEX_FRONTEND_PORT.set(args.port)  # for the worker processes granian starts
        environment.REFLEX_BACKEND_PORT.set(args.port)
    config._set_persistent(frontend_port=args.port, backend_port=args.port)
    console.set_log_level(config.loglevel)  # Reflex's own console messages (REFLEX_LOGLEVEL); logging: logs.py
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    print(f"Parlons-en : http://localhost:{args.port}", flush=True)
    reflex_exec.run_backend_prod(
        args.host, args.port, config.loglevel.subprocess_level(), mount_frontend_compiled_app=True
    )


if __name__ == "__main__":
    main()
