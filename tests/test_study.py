import json
import re
import shutil

import pandas as pd
import pytest

import toolkit
from toolkit.study import TABLES

BODY = "{place} officials said on {day} that the {thing} had {verb} {n} people, and the mayor {name} said help was coming."


@pytest.fixture(scope="module")
def sample_study():
    return toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path())


@pytest.fixture(scope="module")
def dev_study():
    # the profile figures below were written for a study without actors (alignment uses them)
    return toolkit.analyze(toolkit.sample_data_path().parent / "gold" / "events" / "dev", discover=False)


def test_dev_corpus_without_a_dictionary_finds_its_actors():
    """Issue 11: without a dictionary the study finds the actors, and the actor tables follow."""
    study = toolkit.analyze(toolkit.events_corpus_path())
    assert study.actors_discovered and len(study.actors) == 170      # "Hessling & Dorr" one firm, not two
    assert study.actor_list[["actor", "type", "count", "articles", "forms"]].head(4).values.tolist() == [
        ["Palvaria", "place", 43, 22, "Palvaria"], ["Casimir Delvane", "person", 29, 16, "Casimir Delvane | Delvane"],
        ["Harmony", "group", 26, 12, "Harmony"], ["Oren Halvik", "person", 26, 10, "Oren Halvik | Halvik | Oren"]]
    assert "Oszmar | Oshmar" in study.actor_list["forms"].tolist()      # a spelling variant, merged
    assert (len(study.mentions), len(study.quotes)) == (801, 378)     # 18 of "Veyda"; "Hessling & Dorr" is one
    assert study.quotes["speaker_type"].value_counts().to_dict() == {
        "named": 189, "unnamed": 97, "none": 50, "pronoun": 41, "multiple": 1}


def test_sample_study_is_one_event(sample_study):
    assert sample_study.event_summary[["event", "articles", "outlets", "comparable"]].values.tolist() == [["E1", 2, 2, True]]
    assert sample_study.articles["event"].tolist() == ["E1", "E1"]
    assert sample_study.sentences["event"].unique().tolist() == ["E1"]
    assert {name: len(sample_study.tables()[name]) for name in ("sentences", "mentions", "quotes", "pairs", "facts",
                                                                "leads", "omissions", "stance")} == {
        "sentences": 63, "mentions": 159, "quotes": 40, "pairs": 22, "facts": 122, "leads": 2, "omissions": 0, "stance": 159}
    # the same pairs as align on the one event
    pairs = toolkit.align(sample_study.sentences, mentions=sample_study.mentions, within="event")
    pd.testing.assert_frame_equal(sample_study.pairs.drop(columns="same_fact"), pairs)
    assert sample_study.coverage_profile[["outlet", "events", "numerator", "too_few"]].values.tolist() == [
        ["AP wire copy", 1, 1, True], ["Morning Star", 1, 1, True]]
    assert sample_study.notes() == ["1 article(s) stop before the story ends (a paywall, or cut off): what they leave "
                                    "out may be what we could not read; their omissions are marked."]


def test_save_and_open_give_the_same_tables(sample_study, tmp_path):
    folder = sample_study.save(tmp_path / "study")
    meta = json.loads((folder / "study.json").read_text())
    assert list(meta["tables"]) == list(TABLES) and meta["tables"]["quotes"] == 40
    assert meta["toolkit"] == toolkit.__version__     # the one version (toolkit/_version.py)
    # the dictionary is kept in the study's folder: the copy of the file given
    assert meta["settings"]["event_threshold"] == 0.2 and meta["settings"]["actors"] == "actors.yml"
    assert (folder / "actors.yml").read_bytes() == toolkit.sample_actors_path().read_bytes()
    reopened = toolkit.open_study(folder)
    assert reopened.actors is not None and len(reopened.actors) == len(sample_study.actors)
    for name, table in sample_study.tables().items():
        pd.testing.assert_frame_equal(reopened.tables()[name].reset_index(drop=True), table.reset_index(drop=True),
                                      check_dtype=False, obj=name)
    with pytest.raises(FileNotFoundError, match="no saved study in .* \\(no study.json\\)"):
        toolkit.open_study(tmp_path)
    (folder / "quotes.parquet").unlink()
    with pytest.raises(toolkit.StudyError, match="quotes.parquet is missing"):
        toolkit.open_study(folder)


@pytest.mark.slow
def test_long_steps_say_what_they_do_from_python_too(tmp_path, capfd):
    """Issue 23 (6): from Python, the framing table, study.save and study.report (each section of
    the report) say what they are doing; progress is on by default; the report's kernel does not
    warn "Kernel is running over TCP without encryption". Runs the report once: only a real run
    shows the lines of its sections."""
    toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path())
    assert capfd.readouterr().err.startswith("load and clean: 2 articles from 2 inputs, ")
    lines = []
    study = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=lines.append)
    study.save(tmp_path / "study")
    assert "framing table ..." in lines and any(re.fullmatch(r"framing table: 110 rows, \d+\.\d s", line) for line in lines)
    assert f"saving {len(TABLES)} tables to {tmp_path / 'study'} ..." in lines
    lines.clear()
    study.report(tmp_path / "report.html")
    assert [line for line in lines if line.startswith("report section")] == [f"report section {name!r} ..." for name in [
        "loading the corpus", "The corpus at a glance", "Events", "Articles and cleaning",
        "Coverage, omissions and leads across events", "The most covered events, side by side", "Actors and naming",
        "Who gets a voice", "Tone and stance", "Heroes, villains and victims",
        "Keyness: the words that set the outlets apart", "Frames", "How far to trust these figures",
        "Methods, settings and versions"]]
    assert lines[-1].startswith(f"report written to {tmp_path / 'report.html'} (")
    assert "without encryption" not in capfd.readouterr().err


def test_comparisons_stay_within_events(dev_study):
    """The issue's "done when": no fact, pair or omission joins sentences of two events."""
    event_of = dev_study.sentences.set_index(["article_id", "sentence"])["event"]
    pairs = dev_study.pairs
    assert len(pairs) > 100
    a = [event_of[(i, n)] for i, n in zip(pairs["article_id_a"], pairs["sentence_a"])]
    b = [event_of[(i, n)] for i, n in zip(pairs["article_id_b"], pairs["sentence_b"])]
    assert a == b == pairs["event"].tolist()
    facts = dev_study.sentence_facts[dev_study.sentence_facts["fact"] > 0]     # 0: an event one outlet reports
    per_fact = facts.groupby("fact")["event"].nunique()
    assert (per_fact == 1).all()
    omissions = dev_study.omissions
    assert len(omissions) and (omissions["event"] == omissions["fact"].map(
        dev_study.sentence_facts.drop_duplicates("fact").set_index("fact")["event"])).all()
    # an absent outlet's nearest sentence comes from its own articles of the same event
    near = omissions[omissions["nearest_article_id"] != ""]
    assert (near["nearest_article_id"].map(dev_study.articles.set_index("article_id")["event"]) == near["event"]).all()


def test_dev_corpus_profiles(dev_study):
    assert len(dev_study.event_summary) == 14 and dev_study.event_summary["comparable"].sum() == 12
    # one miss each of Northline and the Ledger is a likely split event (the wire's report of the
    # pension vote went into the march's event): left out of their share, listed with its evidence
    assert dev_study.coverage_profile[["outlet", "events", "numerator", "likely_split"]].values.tolist() == [
        ["Northline News Agency", 11, 11, 1], ["The Daily Klaxon", 12, 11, 0], ["The Free Tribune", 12, 11, 0],
        ["The Palvarian Ledger", 11, 8, 1]]
    misses = dev_study.coverage_misses
    assert len(misses) == 7 and misses["likely_split"].sum() == 2 and misses["nearest_article_id"].notna().all()
    assert dev_study.omission_profile[["outlet", "denominator", "numerator"]].values.tolist() == [
        ["Northline News Agency", 21, 2], ["The Daily Klaxon", 26, 16], ["The Free Tribune", 20, 1],
        ["The Palvarian Ledger", 24, 14]]
    assert dev_study.notes() == [
        "2 of 14 events are reported by one outlet only: nothing to compare in them. They count in each outlet's "
        "coverage, not in its omissions or leads.",
        "1 article(s) have no date: they were grouped into events by their words alone."]


def _articles(rows):
    return pd.DataFrame([{"article_id": a, "outlet": o, "published": d, "text": t, **extra}
                         for a, o, d, t, extra in rows])


def test_given_events_and_empty_event_values():
    fire = BODY.format(place="Riverton", day="Monday", thing="fire", verb="injured", n=4, name="Lund")
    flood = BODY.format(place="Easton", day="Friday", thing="flood", verb="displaced", n=300, name="Berg")
    study = toolkit.analyze(_articles([
        ("a1", "A", "2026-01-05", fire, {"event": "the fire"}), ("b1", "B", "2026-01-05", fire, {"event": "the fire"}),
        ("a2", "A", "2026-01-09", flood, {"event": ""}), ("b2", "B", "2026-01-09", flood, {"event": None})]))
    assert study.events[["article_id", "event", "method"]].values.tolist() == [
        ["a1", "the fire", "given"], ["b1", "the fire", "given"],
        ["a2", "auto-E1", "single-pass tfidf-centroid threshold=0.2 days=3"],
        ["b2", "auto-E1", "single-pass tfidf-centroid threshold=0.2 days=3"]]
    assert study.event_summary["comparable"].tolist() == [True, True]


def test_every_event_with_a_single_outlet_says_so():
    texts = [BODY.format(place=p, day="Monday", thing=t, verb="hurt", n=n, name=m)
             for p, t, n, m in (("Riverton", "fire", 4, "Lund"), ("Easton", "flood", 300, "Berg"))]
    study = toolkit.analyze(_articles([("a1", "A", "2026-01-05", texts[0], {}), ("b1", "B", "2026-01-20", texts[1], {})]))
    assert study.event_summary["comparable"].tolist() == [False, False]
    assert study.coverage_profile.empty and study.omission_profile.empty and study.lead_profile.empty
    assert study.facts.empty and study.pairs.empty and study.leads.empty
    assert study.notes()[0] == ("2 of 2 events are reported by one outlet only: nothing to compare in them. They count "
                                "in each outlet's coverage, not in its omissions or leads.")
    assert "No event of A, B is reported by another outlet: it is left out of the comparisons." in study.notes()


def test_one_article_one_outlet_and_no_dates():
    text = BODY.format(place="Riverton", day="Monday", thing="fire", verb="injured", n=4, name="Lund")
    study = toolkit.analyze(_articles([("a1", "A", None, text, {})]))
    assert study.event_summary[["event", "articles", "comparable"]].values.tolist() == [["E1", 1, False]]
    assert study.facts.empty and study.keyness.empty and study.omissions.empty
    # the same columns as a study of two outlets, empty or without facts
    assert "same_fact" in study.pairs.columns and {"excluded", "lead_link"} <= set(study.sentence_facts.columns)
    assert study.sentence_facts["fact"].eq(0).all() and study.sentence_facts["lead_link"].isna().all()
    assert study.notes() == ["Only one outlet (A): outlets cannot be compared; the sections on coverage, facts, leads "
                             "and keyness are empty.", "1 article(s) have no date: they were grouped into events by "
                             "their words alone."]
    assert len(study.tables()) == len(TABLES)


def test_bad_input_to_analyze(tmp_path):
    with pytest.raises(ValueError, match="unknown setting\\(s\\) treshold; valid: discover, discover_min_count, end, event_days, event_threshold, omission_others, outlets, pipeline"):
        toolkit.analyze(toolkit.sample_data_path(), treshold=0.3)
    (tmp_path / "empty.txt").write_text("  \n")
    with pytest.raises(toolkit.InputError, match="no article could be loaded from .*: empty.txt: is empty"):
        toolkit.analyze(tmp_path)
    with pytest.raises(ValueError, match="errors='ignore' is not valid"):
        toolkit.analyze(tmp_path, errors="ignore")


def test_article_tables_is_a_function_of_its_batch():
    articles = toolkit.load_articles(toolkit.sample_data_path())
    actors = toolkit.load_actors(toolkit.sample_actors_path())
    whole = toolkit.article_tables(articles, actors=actors)
    parts = [toolkit.article_tables(articles.iloc[[i]], actors=actors) for i in range(len(articles))]
    for name, table in whole.items():
        joined = pd.concat([p[name] for p in parts], ignore_index=True)
        key = [c for c in ("article_id", "part", "sentence", "start", "reason") if c in table]   # article_log: no part
        pd.testing.assert_frame_equal(joined.sort_values(key, kind="stable").reset_index(drop=True),
                                      table.sort_values(key, kind="stable").reset_index(drop=True), obj=name)


def test_the_dictionary_is_recorded_so_that_the_study_reopens_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(toolkit.sample_data_path().parent.parent)
    study = toolkit.analyze("data/raw", actors="data/actors/russia-ukraine.yml")
    assert study.settings.actors == str(toolkit.sample_actors_path().resolve())
    folder = study.save(tmp_path / "s")
    monkeypatch.chdir(tmp_path)
    assert len(toolkit.open_study(folder).actors) == len(study.actors)
    in_memory = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.ActorDictionary(study.actors.actors, name="mine"))
    assert in_memory.settings.actors == "mine" and len(in_memory.mentions) == len(study.mentions)


def _tables(study) -> dict:
    return {name: getattr(study, name) for name in TABLES}


def test_two_processes_give_the_tables_of_one_on_the_sample_corpus(sample_study):
    two = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), processes=2)
    for name, table in _tables(sample_study).items():
        pd.testing.assert_frame_equal(getattr(two, name), table, obj=name)


@pytest.mark.slow
def test_two_processes_give_the_tables_of_one_on_a_generated_multi_event_corpus():
    from devtools.bench import event_corpus

    corpus = event_corpus(80, events=8, outlets=4)     # no dictionary: the actors are discovered
    one = toolkit.analyze(corpus, processes=1)
    two = toolkit.analyze(corpus, processes=2)
    assert (one._processes, two._processes) == (1, 2)
    assert (len(one.articles), one.events["event"].nunique(), one.articles["outlet"].nunique(), len(one.actors),
            len(one.mentions), len(one.quotes), len(one.pairs)) == (80, 4, 4, 218, 1445, 200, 429)
    for name, table in _tables(one).items():
        pd.testing.assert_frame_equal(getattr(two, name), table, obj=name)


@pytest.mark.slow
def test_two_processes_compute_roles_keyness_and_frames_beside_the_events_with_the_same_tables(sample_study,
                                                                                                 tmp_path):
    import os

    said = tmp_path / "progress.txt"

    def progress(line):
        with open(said, "a") as handle:     # the forked process writes here too
            handle.write(f"{os.getpid()} {line}\n")
    two = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), processes=2,
                          progress=progress)
    tables = two.tables()
    lines = [line.split(" ", 1) for line in said.read_text().splitlines()]
    beside = {line for pid, line in lines if int(pid) != os.getpid()}
    assert {"narrative roles ...", "keyness ...", "frames ...", "learned frames ..."} <= beside
    assert not {line for line in beside if line.startswith(("events", "facts"))}
    for name, table in _tables(sample_study).items():
        pd.testing.assert_frame_equal(tables[name], table, obj=name, check_exact=True)


def test_processes_must_be_at_least_one():
    from toolkit.parallel import map_tables

    with pytest.raises(ValueError, match="processes=0 must be at least 1"):
        map_tables(dict, pd.DataFrame({"article_id": ["a"]}), processes=0)
    with pytest.raises(ValueError, match="processes=0 must be at least 1"):
        toolkit.analyze(toolkit.sample_data_path(), processes=0)


def test_study_casts_the_actors_and_keeps_the_learned_frames(sample_study):
    roles, mentions = sample_study.roles, sample_study.mentions
    assert len(roles) == len(mentions.groupby(["article_id", "actor"])) == 71
    assert set(roles["event"]) == set(sample_study.events["event"])
    framing = sample_study.framing
    assert framing["role_articles"].sum() == 71 and set(framing["main_role"]) == {"", "hero", "villain", "victim"}
    assert framing.loc[framing["actor"] == "Vladimir Putin", "main_role"].tolist() == ["villain", "villain"]
    learned = sample_study.learned_frames
    assert len(learned) == 10 and learned.groupby("outlet")["present"].sum().to_dict() == LEARNED_PRESENT
    from toolkit import learned_frames_by_outlet
    assert learned_frames_by_outlet(learned)["articles"].tolist() == [1] * 10


LEARNED_PRESENT = {"AP wire copy": 3, "Morning Star": 2}


@pytest.mark.parametrize("setting, message", [
    ({"event_threshold": "abc"}, "event_threshold='abc' must be a number from 0 to 1"),
    ({"event_threshold": 1.5}, "event_threshold=1.5 must be a number from 0 to 1"),
    ({"event_days": -1}, "event_days=-1 must be a number of 0 or more"),
    ({"event_days": float("nan")}, "event_days=nan must be a number of 0 or more"),
    ({"omission_others": 1.5}, "omission_others=1.5 must be at least 1, a whole number"),
    ({"discover": "yes"}, "discover='yes' must be True or False"),
    ({"discover_min_count": True}, "discover_min_count=True must be at least 1, a whole number"),
    ({"tone_method": "TextBlob"}, "tone_method='TextBlob' is not valid; choose one of 'textblob', 'vader'"),
    ({"target_method": None}, "target_method=None is not valid; choose one of 'textblob-window', 'vader-window'"),
    ({"pipeline": 3}, "pipeline=3 must be a spaCy pipeline's name or path"),
    ({"start": 20240101}, "start=20240101 must be a date, YYYY-MM-DD"),
    ({"outlets": ["AP wire copy", 7]}, "outlets=\\['AP wire copy', 7\\] must be a list of outlet names"),
])
def test_settings_are_checked_before_anything_is_computed(setting, message):
    """Issue 24: ``analyze(event_threshold="abc")`` raised a raw TypeError deep in events.py."""
    with pytest.raises(ValueError, match=message):
        toolkit.analyze(toolkit.sample_data_path(), progress=False, **setting)


def test_settings_are_kept_as_a_study_records_them():
    import datetime

    study = toolkit.analyze(toolkit.sample_data_path(), discover=False, progress=False, outlets="Morning Star",
                            start=datetime.date(2022, 1, 1))
    assert (study.settings.outlets, study.settings.start) == (["Morning Star"], "2022-01-01")
    assert study.articles["outlet"].tolist() == ["Morning Star"]
    assert study.notes()[-1] == ("1 article(s) were left out by the filters (from 2022-01-01, outlets Morning Star); "
                                 "the load log lists them.")


def test_a_saved_study_holds_its_dictionary_and_reads_nothing_outside_its_folder(sample_study, tmp_path):
    """Issue 24: a copied study used the original folder's dictionary; re-saving an opened study
    wrote no actors.yml."""
    given = shutil.copy(toolkit.sample_actors_path(), tmp_path / "mine.yml")
    study = toolkit.analyze(toolkit.sample_data_path(), actors=given, progress=False)
    first = study.save(tmp_path / "first")
    copy = shutil.copytree(first, tmp_path / "copy")
    (tmp_path / "mine.yml").write_text("actors: []\n")              # the original dictionary edited, then gone
    shutil.rmtree(first)
    (tmp_path / "mine.yml").unlink()
    reopened = toolkit.open_study(copy)
    assert (reopened.settings.actors, reopened.actors.name, len(reopened.actors)) == ("actors.yml", "russia-ukraine", 63)
    assert not reopened.actors_discovered
    again = reopened.save(tmp_path / "again")                       # re-saving an opened study
    assert json.loads((again / "study.json").read_text())["settings"]["actors"] == "actors.yml"
    assert (again / "actors.yml").read_bytes() == toolkit.sample_actors_path().read_bytes()
    shutil.rmtree(copy)
    assert len(toolkit.open_study(again).actors) == 63 and len(toolkit.open_study(again).mentions) == 159


def test_a_dictionary_given_in_memory_or_edited_since_is_written_as_it_was_used(sample_study, tmp_path):
    actors = toolkit.ActorDictionary(sample_study.actors.actors[:2], name="two")
    study = toolkit.analyze(toolkit.sample_data_path(), actors=actors, discover=False, progress=False)
    folder = study.save(tmp_path / "s")
    assert toolkit.load_actors(folder / "actors.yml").actors == actors.actors
    assert toolkit.open_study(folder).actors.name == "two"


def _coded_sample(study):
    from toolkit.validation import read_coded

    sample = study.validation_sample("tone", n=3, seed=1)
    sample["coded"] = ["negative", "neutral", "neutral", "positive", "neutral", "negative"]
    return sample, read_coded(sample, key=sample, coder="me")


def test_a_study_keeps_its_coded_samples_and_saves_them_with_their_validation(sample_study, tmp_path):
    """Issue 25 §4: study.add_coded keeps a coded sample; save and open_study keep it and its validation."""
    import copy

    study = copy.copy(sample_study)         # the tables computed once; the coded samples its own
    assert study.coded.empty and study.validation.empty
    sample, coded = _coded_sample(study)
    table = study.add_coded(coded)
    assert table[["measure", "outlet", "n", "right", "accuracy"]].values.tolist() == [
        ["tone", "AP wire copy", 3, 2, 2 / 3], ["tone", "Morning Star", 3, 1, 1 / 3]]
    assert study.coded["sample"].tolist() == [1] * 6 and sample_study.coded.empty
    pd.testing.assert_frame_equal(study.validate(), table)
    with pytest.raises(ValueError, match=r"6 coded item\(s\) are kept already \(the same measure and row\): tone-001, "
                                         r"tone-002, tone-003, tone-004, tone-005 and 1 more; pass replace=True"):
        study.add_coded(coded)
    again = coded.assign(coded="neutral")
    assert study.add_coded(again, replace=True)["right"].tolist() == [0, 2]      # the machine: 3 and 1 neutral
    assert study.coded["sample"].tolist() == [2] * 6
    other = coded.assign(machine="positive")
    with pytest.raises(ValueError, match=r"coded item\(s\) of 'tone' are not this study's items .* the sample must "
                                         r"be drawn from this study"):
        study.add_coded(other, replace=True)
    folder = study.save(tmp_path / "study")
    meta = json.loads((folder / "study.json").read_text())
    assert meta["tables"]["coded"] == 6 and meta["tables"]["validation"] == 2
    assert {"coded.parquet", "validation.parquet"} <= set(meta["files"])
    reopened = toolkit.open_study(folder)
    pd.testing.assert_frame_equal(reopened.coded, study.coded, check_dtype=False)
    pd.testing.assert_frame_equal(reopened.validation, study.validation, check_dtype=False)
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "validation.parquet"), study.validation, check_dtype=False)
    assert reopened.corrected_shares(measure="tone", label="negative", min_coded=2)["n"].tolist() == [3, 3]
    # a coded table changed after saving is refused, naming the file
    saved = pd.read_parquet(folder / "coded.parquet")
    saved.assign(coded="negative").to_parquet(folder / "coded.parquet", index=False)
    with pytest.raises(toolkit.StudyError, match=r"coded.parquet (holds|is not the file|has other columns)"):
        toolkit.open_study(folder)
    (folder / "coded.parquet").unlink()
    with pytest.raises(toolkit.StudyError, match="coded.parquet is missing"):
        toolkit.open_study(folder)
