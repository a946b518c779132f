"""The corpus model and the CLI's data path never load Textual or Rich."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import reader.model

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def model_modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(reader.model.__path__, "reader.model.")]


def test_model_imports_no_ui():
    mods = model_modules() + ["reader.cli", "reader.commands"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in mods)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"UI modules loaded by the model: {out.stdout}"


def test_model_imports_no_spacy_at_import_time():
    code = "import sys\n" + "".join(f"import {m}\n" for m in model_modules()) + "print('spacy' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_model_and_cli_import_no_dask():
    """The cluster engine is an optional extra, imported only when `--workers`/`--cluster` ask."""
    mods = model_modules() + ["reader.cli", "reader.commands", "reader.commands.cache_cmd"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in mods)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_app_imports_no_numpy_before_first_paint():
    """numpy costs 0.2-0.6 s to import: the views that use it load it when they open."""
    code = "import sys\nimport reader.ui.app\nprint('numpy' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_app_imports_no_analysis_rules_before_first_paint():
    """The analysis's name rules and word lists load with the first speaker named, not at start-up."""
    code = (
        "import sys\nimport reader.ui.app\nimport reader.cli\n"
        "print(sorted(m for m in ('reader.model.analysis.article_names', 'reader.model.analysis.name_types', 'reader.model.analysis.speech_words')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# What the first frame does not need: each loads where it is first used (a format's reader when
# a file of that format is read, the NLP stack in the analysis worker, a view when its key opens
# it), after the first paint. Every one of them, imported before it, delays it for every user.
NOT_BEFORE_FIRST_PAINT = (
    "spacy",
    "thinc",
    "numpy",
    "rapidfuzz",
    "trafilatura",
    "lxml",
    "feedparser",
    "pypdf",
    "docx",
    "charset_normalizer",
    "re2",
    "dask",
    "distributed",
    "reader.ui.views",
    "reader.ui.corrections",
    "reader.model.analysis.nlp",
    "reader.model.analysis.pipeline",
    "reader.model.analysis.runner",
    "reader.model.search.engine",
    "reader.model.search.corpus_items",
    "reader.model.search.search_process",
    "reader.model.corpus.aliases",
    "reader.model.corpus.entity_counts",
    "reader.model.outputs.citation_styles",
    "reader.model.store.clippings",
)
SCREENS_OF_THE_FIRST_FRAME = {"main", "help", "dimmed"}  # help: the main screen lists its keys


def loaded_too_early(modules: set[str]) -> list[str]:
    early = {m for m in NOT_BEFORE_FIRST_PAINT if m in modules}
    early |= {m for m in modules if m.startswith("reader.commands.") and m != "reader.commands.common"}
    early |= {
        m
        for m in modules
        if m.startswith("reader.ui.screens.") and m.rsplit(".", 1)[1] not in SCREENS_OF_THE_FIRST_FRAME
    }
    return sorted(early)


def test_app_and_cli_modules_import_nothing_the_first_frame_does_not_need():
    code = "import json, sys\nimport reader.cli\nimport reader.ui.app\nprint(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert loaded_too_early(set(json.loads(out.stdout))) == []


def test_first_frame_is_drawn_before_anything_it_does_not_need_loads(tmp_path):
    """Nothing started by opening the app (the palette's index builds with numpy, analysis needs
    spaCy) runs before the first frame: run headless on the seeds, as `reader PATH` does, and look
    at sys.modules when the first refresh is done."""
    code = (
        "import json, sys\n"
        "from reader.cli import open_corpus\n"
        "from pathlib import Path\n"
        "import reader.ui.app\n"
        "from reader.ui.app import ReaderApp\n"
        "seen = []\n"
        "class Probe(ReaderApp):\n"
        "    CSS_PATH = str(Path(reader.ui.app.__file__).with_name('reader.tcss'))\n"
        "    def on_mount(self):\n"
        "        super().on_mount()\n"
        "        self.call_after_refresh(self.painted)\n"
        "    def painted(self):\n"
        "        seen.append(sorted(sys.modules))\n"
        "        self.exit()\n"
        f"Probe(open_corpus([{str(SEEDS)!r}])).run(headless=True, size=(160, 48))\n"
        "print(json.dumps(seen))\n"
    )
    env = {
        **os.environ,
        **{k: str(tmp_path / k) for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")},
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=120)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(seen) == 1, out.stdout + out.stderr
    assert loaded_too_early(set(seen[0])) == []


async def test_the_collector_paused_for_the_first_frame_runs_again(tmp_path, monkeypatch):
    """The app pauses Python's cyclic collector until its first paint: an app made but never run
    must not leave it paused, nor one that ran and quit."""
    import gc

    from reader.cli import open_corpus
    from reader.ui.app import ReaderApp

    for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(k, str(tmp_path / k))
    corpus = open_corpus([str(SEEDS)])
    ReaderApp(corpus, analyse=False)
    assert gc.isenabled()
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(100, 30)):
        await app.workers.wait_for_complete()
    assert gc.isenabled()


async def test_the_pause_begun_before_the_app_ends_with_its_first_paint(tmp_path, monkeypatch):
    """`reader PATH` pauses the collector before it imports the app (gcpause.until_first_paint)
    and hands the pause to the app, which ends it once the first frame is drawn."""
    import gc

    from reader.cli import open_corpus
    from reader.model.gcpause import until_first_paint
    from reader.ui.app import ReaderApp

    for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(k, str(tmp_path / k))
    held = until_first_paint()
    try:
        assert not gc.isenabled()
        app = ReaderApp(open_corpus([str(SEEDS)]), analyse=False, until_painted=held)
        async with app.run_test(size=(100, 30)):
            await app.workers.wait_for_complete()  # the startup worker waits for the first paint
            assert gc.isenabled()
    finally:
        held.close()
    assert gc.isenabled()
