"""The engine layer: the only code that imports MkDocs (or Material).

The model, the rendering, the search index and the sitemaps know nothing of MkDocs; this
package turns the generated Markdown into the site. To move to another engine, replace
this package: the module is the pipeline's `Engine` (`site_settings` and `build_languages`,
briefing.pipeline.Engine), and the plugin (briefing.engine.plugin) is what `mkdocs build`
and `mkdocs serve` run.
"""

from briefing.engine.languages import EngineFailure, build_languages, site_settings

__all__ = ["EngineFailure", "build_languages", "site_settings"]
