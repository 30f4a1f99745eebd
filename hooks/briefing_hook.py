"""Entry point named in mkdocs.yml; the logic lives in briefing.mkdocs_hook.

MkDocs loads hook files by path, not as part of a package, so the project folder is put
on the import path first (the `mkdocs` command does not include the working directory).
"""

import sys
from pathlib import Path

_PROJECT = str(Path(__file__).resolve().parent.parent)
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from briefing.mkdocs_hook import (  # noqa: E402
    on_build_error,
    on_config,
    on_env,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_startup,
)

__all__ = ["on_build_error", "on_config", "on_env", "on_page_context", "on_page_markdown", "on_post_build", "on_post_page", "on_post_template",
           "on_startup"]
