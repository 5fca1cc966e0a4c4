"""Code a validation sample in JupyterLab: one item at a time, saved to a sheet after each answer.

``Annotator(sample, "tone.csv", coder="me").widget`` shows the first item not yet coded: its
question, the title and the sentences with the item marked, one button per choice, "back" and
"skip", and how many items are done. Each answer is written at once to the sheet (the same sheet
as :func:`toolkit.validation.write_sheet`, with its key beside it), so that closing the notebook
loses nothing, and opening the same sheet again goes on where the coder stopped. The keyboard:
type the number of a choice (1, 2, ...) in the box and press Enter. The outlet and the machine's
label are not shown (unless the sample was drawn with ``show_outlet=True``). Read the answers
with :func:`toolkit.validation.read_coded` as for a sheet filled in a spreadsheet.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .sample import CLOSE, MEASURES, OPEN
from .sheet import read_coded, write_sheet


def _html(text: str) -> str:
    """The text escaped, with the marked part highlighted."""
    escaped = html.escape(str(text or ""))
    return escaped.replace(html.escape(OPEN), "<mark>").replace(html.escape(CLOSE), "</mark>")


class Annotator:
    """One coder's pass over a validation sample, saved to ``path`` after each answer.

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`toolkit.validation.validation_sample`.
    path : str or pathlib.Path
        The sheet (``.csv`` or ``.xlsx``). If it exists (a pass begun earlier), its answers are
        read back (strictly, :func:`toolkit.validation.read_coded`) and coding goes on at the
        first item not coded; else it is written with :func:`toolkit.validation.write_sheet`.
    coder : str
        The coder's name, written with each answer.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Show it in a notebook (the last line of a cell).
    position : int
        The item shown (0-based), ``len(sample)`` when every item is coded.
    """

    def __init__(self, sample: pd.DataFrame, path: str | Path, *, coder: str):
        import ipywidgets as widgets

        if not isinstance(coder, str) or not coder.strip():
            raise ValueError(f"coder={coder!r}: give the coder's name (it is written with each answer)")
        self.path, self.coder = Path(path), coder.strip()
        self.sample = sample.reset_index(drop=True).copy()
        if self.path.exists():
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")         # items not coded yet: that is why it is open
                done = read_coded(self.path, self.sample)
            self.sample["coded"] = done["coded"].fillna("").to_numpy()
            self.sample["coder"] = done["coder"].fillna("").to_numpy()
        else:
            self.sample["coded"], self.sample["coder"] = "", ""
            write_sheet(self.sample, self.path)
        self._progress = widgets.HTML()
        self._item = widgets.HTML()
        self._buttons = widgets.HBox()
        self._keys = widgets.Text(placeholder="number of the choice, then Enter", continuous_update=False)
        self._keys.observe(self._typed, names="value")
        back, skip = widgets.Button(description="back"), widgets.Button(description="skip")
        back.on_click(lambda _: self.go(self.position - 1))
        skip.on_click(lambda _: self.go(self.position + 1))
        self.widget = widgets.VBox([self._progress, self._item, self._buttons, widgets.HBox([self._keys, back, skip])])
        self.position = 0
        self.go(self._first_open())

    # --- state ------------------------------------------------------------------------------

    def _first_open(self, start: int = 0) -> int:
        open_items = [i for i in range(start, len(self.sample)) if not self.sample.at[i, "coded"]]
        return open_items[0] if open_items else len(self.sample)

    @property
    def done(self) -> int:
        """How many items are coded."""
        return int((self.sample["coded"] != "").sum())

    def go(self, position: int) -> None:
        """Show the item at ``position`` (kept within the sample)."""
        self.position = max(0, min(position, len(self.sample)))
        self._show()

    def answer(self, choice: str) -> None:
        """Record ``choice`` for the item shown, save the sheet, and show the next item not coded."""
        if self.position >= len(self.sample):
            raise ValueError("every item is coded; go back (go(position)) to change an answer")
        measure = self.sample.at[self.position, "measure"]
        choices = MEASURES[measure].choices
        if choice not in choices:
            raise ValueError(f"choice={choice!r} is not valid for {measure!r}; choose one of "
                             f"{', '.join(map(repr, choices))}")
        self.sample.at[self.position, "coded"] = choice
        self.sample.at[self.position, "coder"] = self.coder
        write_sheet(self.sample, self.path)
        following = self._first_open(self.position + 1)
        self.go(following if following < len(self.sample) else self._first_open())

    def _typed(self, change) -> None:
        text = str(change["new"]).strip()
        if not text:
            return
        self._keys.value = ""
        if self.position < len(self.sample):
            choices = MEASURES[self.sample.at[self.position, "measure"]].choices
            if text.isdigit() and 1 <= int(text) <= len(choices):
                self.answer(choices[int(text) - 1])

    # --- display ----------------------------------------------------------------------------

    def _show(self) -> None:
        import ipywidgets as widgets

        total = len(self.sample)
        self._progress.value = f"<b>{self.done} of {total} coded</b>"
        if self.position >= total:
            self._item.value = "<p>Every item is coded. Read the answers with <code>read_coded</code>.</p>"
            self._buttons.children = ()
            return
        row = self.sample.iloc[self.position]
        outlet = f"<p><i>{html.escape(str(row['shown_outlet']))}</i></p>" if "shown_outlet" in row else ""
        article = (f"<details><summary>the whole article</summary><p>{_html(row['article'])}</p></details>"
                   if row.get("article") else "")
        answered = f"<p>answered: <b>{html.escape(row['coded'])}</b></p>" if row["coded"] else ""
        self._item.value = (f"<p>item {self.position + 1} ({html.escape(row['item_id'])})</p>{outlet}"
                            f"<p><b>{_html(row['question'])}</b></p><h4>{html.escape(str(row['title']))}</h4>"
                            f"<p style='color:gray'>{_html(row['before'])}</p><p>{_html(row['text'])}</p>"
                            f"<p style='color:gray'>{_html(row['after'])}</p>{article}{answered}")
        buttons = []
        for number, choice in enumerate(MEASURES[row["measure"]].choices, start=1):
            button = widgets.Button(description=f"{number} {choice}")
            button.on_click(lambda _, c=choice: self.answer(c))
            buttons.append(button)
        self._buttons.children = tuple(buttons)
