"""The optional neural target-sentiment model (method "newsmtsc-minilm"; needs the neural extra)."""

import json
import sys

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("transformers")

from toolkit.tone import neural  # noqa: E402

# (sentence, target, expected label): cases where the model is clearly right.
CLEAR_CASES = [
    ("The brave doctor saved three children.", "doctor", "positive"),
    ("Fans cheered as the popular mayor opened the new children's hospital.", "mayor", "positive"),
    ("Police say the suspect brutally attacked two women and fled.", "suspect", "negative"),
    ("Critics said the corrupt senator lied to voters and stole public money.", "senator", "negative"),
    ("The minister will travel to Brussels on Monday.", "minister", "neutral"),
    ("The committee meets again in March, a spokesman for the council said.", "council", "neutral"),
]


def _offsets(cases):
    texts = [text for text, _, _ in cases]
    starts = [text.index(target) for text, target, _ in cases]
    ends = [start + len(target) for start, (_, target, _) in zip(starts, cases)]
    return texts, starts, ends


@pytest.fixture(scope="module")
def model():
    return neural.load_minilm()


def test_clear_cases(model):
    proba = neural.predict_proba(*_offsets(CLEAR_CASES), model=model)
    assert [neural.LABELS[i] for i in proba.argmax(axis=1)] == [label for _, _, label in CLEAR_CASES]


def test_default_model_is_loaded_once():
    assert neural.load_minilm() is neural.load_minilm()
    texts, starts, ends = _offsets(CLEAR_CASES[:1])
    assert neural.predict_proba(texts, starts, ends).argmax() == 2


def test_shape_and_row_sums(model):
    texts, starts, ends = _offsets(CLEAR_CASES)
    proba = neural.predict_proba(texts, starts, ends, model=model)
    assert proba.shape == (len(CLEAR_CASES), 3)
    assert proba.dtype == np.float64
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert ((proba >= 0) & (proba <= 1)).all()
    assert neural.predict_proba([], [], [], model=model).shape == (0, 3)


def test_two_targets_in_one_sentence(model):
    text = "The heroic firefighter rescued the family that the arsonist had trapped in the house."
    starts = [text.index("firefighter"), text.index("arsonist")]
    ends = [starts[0] + len("firefighter"), starts[1] + len("arsonist")]
    proba = neural.predict_proba([text, text], starts, ends, model=model)
    assert proba[0].argmax() == 2 and proba[1].argmax() == 0


def test_batch_size_does_not_change_the_result(model):
    # Different lengths, so batches of 1 and of 64 are padded differently.
    cases = CLEAR_CASES + [("Long before the vote, " * 12 + "the brave doctor saved three children.", "doctor", "")]
    texts, starts, ends = _offsets(cases)
    one = neural.predict_proba(texts, starts, ends, model=model, batch_size=1)
    many = neural.predict_proba(texts, starts, ends, model=model, batch_size=64)
    assert (one.argmax(axis=1) == many.argmax(axis=1)).all()
    assert np.abs(one - many).max() < 0.05   # int8 activations are scaled per batch: small noise only
    again = neural.predict_proba(texts, starts, ends, model=model, batch_size=64)
    assert np.array_equal(many, again)


def test_long_sentence_keeps_the_target(model):
    filler = "The session went on for hours while members read out procedural motions. " * 40
    text = filler + "Then the brave doctor saved three children."
    encoded = neural.encode(model.tokenizer, [text], [text.index("doctor")], [text.index("doctor") + 6])
    ids, types, target = encoded[0]
    assert len(ids) == len(types) <= neural.MAX_LENGTH
    tokens = model.tokenizer.convert_ids_to_tokens(ids)
    assert tokens[target:target + 3] == [neural.TARGET_OPEN, "doctor", neural.TARGET_CLOSE]
    assert tokens[-2:] == ["doctor", "[SEP]"] and "children" in tokens


def test_bad_inputs(model):
    with pytest.raises(ValueError, match="outside a sentence of 5 characters"):
        neural.predict_proba(["Hello"], [2], [9], model=model)
    with pytest.raises(ValueError, match="differ in length"):
        neural.predict_proba(["Hello"], [0, 1], [2], model=model)
    with pytest.raises(ValueError, match="batch_size=0"):
        neural.predict_proba(["Hello"], [0], [5], model=model, batch_size=0)


def test_shipped_metrics_meet_the_target():
    metrics = json.loads((neural.MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["dev"]["dev_rw"]["macro_f1"] >= 0.78
    assert metrics["dev"]["dev_rw"]["targets"] == 343 and metrics["dev"]["dev_mt"]["targets"] == 442
    assert metrics["base_model_licence"] == "Apache-2.0"


def test_shipped_folder_is_small_and_has_its_notices():
    files = {f.name: f.stat().st_size for f in neural.MODEL_DIR.iterdir() if f.is_file()}
    assert sum(files.values()) <= 64 * 2**20
    assert {"README.md", "LICENSE-Apache-2.0.txt", "LICENSE-NewsMTSC.txt", "metrics.json"} <= set(files)
    readme = (neural.MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert "all-MiniLM-L6-v2" in readme and "Hamborg" in readme and "train_minilm" in readme


def test_missing_weights_name_the_folder_and_the_command(monkeypatch, tmp_path):
    monkeypatch.setattr(neural, "MODEL_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="train_minilm") as caught:
        neural.load_minilm()
    assert str(tmp_path) in str(caught.value)
    with pytest.raises(FileNotFoundError, match="model is missing"):
        neural.predict_proba(["x"], [0], [1])


def test_missing_torch_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)   # makes `import torch` fail
    with pytest.raises(ImportError, match=r"needs the neural extra: pip install torch==2\.13\.0 && "
                       r"pip install 'framing-toolkit\[neural\]' \(in a copy of the repository: pip install '\.\[neural\]'\)"):
        neural.load_minilm()
