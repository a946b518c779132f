"""The corpus model and the CLI's data path never load Textual or Rich."""

from __future__ import annotations

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
        "print(sorted(m for m in ('reader.model.analysis.article_names', 'reader.model.analysis.speech_words')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_first_frame_is_drawn_before_numpy_loads(tmp_path):
    """Nothing started by opening the app (the palette's index builds with numpy) runs before the
    first frame: run headless on the seeds and look at sys.modules when the first refresh is done."""
    code = (
        "import sys\n"
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
        "        seen.append('numpy' in sys.modules)\n"
        "        self.exit()\n"
        f"Probe(open_corpus([{str(SEEDS)!r}])).run(headless=True, size=(160, 48))\n"
        "print(seen)\n"
    )
    env = {
        **os.environ,
        **{k: str(tmp_path / k) for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")},
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[False]", out.stdout + out.stderr


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
