"""Build the Python API reference (HTML) from the docstrings with pdoc, offline: ``make apidocs``.

Only the public modules are documented: the package (process, Pipeline, Document, Settings,
errors), the records of ``dateline.model``, the spaCy component and the HTTP API's response
models. Usage: ``python scripts/build_apidocs.py [OUT_DIR]`` (default ``build/apidocs``).
"""
from __future__ import annotations

import sys
from pathlib import Path

PUBLIC = ["dateline", "dateline.model", "dateline.pipeline", "dateline.settings", "dateline.errors",
          "dateline.integrations.spacy", "dateline.api.models"]


def build(out: Path) -> Path:
    import pdoc
    import pdoc.render
    pdoc.render.configure(docformat="restructuredtext", math=False, mermaid=False, search=True,
                          show_source=False, footer_text="dateline")
    out.mkdir(parents=True, exist_ok=True)
    pdoc.pdoc(*PUBLIC, output_directory=out)
    return out


if __name__ == "__main__":
    target = build(Path(sys.argv[1] if len(sys.argv) > 1 else "build/apidocs"))
    print(f"API reference: {target / 'index.html'}")
