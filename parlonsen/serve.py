"""Serve the built app in production mode on one port, without rebuilding the frontend.

`reflex run --env prod` recompiles and rebuilds the frontend at every start. `make run` builds it
only when a source changed (`reflex export --frontend-only`) and then starts here, in seconds.
This uses Reflex's own production backend runner (granian), with the compiled frontend mounted.
"""

import argparse

from reflex import constants
from reflex.utils import exec as reflex_exec
from reflex_base.config import get_config
from reflex_base.environment import environment
from reflex_base.utils import console

from parlonsen import settings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m parlonsen.serve")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--host", default=settings.current().host)
    args = parser.parse_args()
    config = get_config()
    if args.port != config.backend_port:
        # The frontend build has the backend address baked in: serve on the port it was built for.
        environment.REFLEX_FRONTEND_PORT.set(args.port)  # for the worker processes granian starts
        environment.REFLEX_BACKEND_PORT.set(args.port)
    config._set_persistent(frontend_port=args.port, backend_port=args.port)
    console.set_log_level(config.loglevel)  # REFLEX_LOGLEVEL applies to the served app as to `reflex run`
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    print(f"Parlons-en : http://localhost:{args.port}", flush=True)
    reflex_exec.run_backend_prod(
        args.host, args.port, config.loglevel.subprocess_level(), mount_frontend_compiled_app=True
    )


if __name__ == "__main__":
    main()
