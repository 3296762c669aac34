#!/usr/bin/env python3
"""Trains Muster's reply-stance model on RumourEval 2019 and writes config/lexicon/stance-weights.tsv.

The model is a multinomial logistic regression over a reply's words, word pairs and a few cues (a question mark,
a link, a retweet, the stance phrases of config/lexicon/cues.yaml, whether the reply answers the thread's source
post and how much of the source it repeats). It is fitted on the train split's replies only; the class weighting,
the regularisation and per-class offsets are chosen by macro-F1 on the dev split. The test split is never read.

    python3 scripts/train-stance.py --data ../shared/data            # choose on dev, write the weights
    python3 scripts/train-stance.py --data ../shared/data --dry-run  # only print the dev figures

Python 3 standard library only. StanceClassifier.swift computes the same features, so `muster eval --split val`
reproduces the dev figure printed here.
"""

import argparse
import math
import os
import random
import sys
import unicodedata

CLASSES = ["support", "deny", "query", "comment"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- Tokens, exactly as Sources/MusterText/Tokenizer.swift reads them ------------------------------------------

def tokens(text):
    """Lower-cased words (apostrophes, hyphens and & kept inside), @mentions, and emoji on their own."""
    out, current = [], []

    def flush():
        while current and current[-1] in "'-&":
            current.pop()
        if current and current != ["@"]:
            out.append("".join(current))
        current.clear()

    for ch in text:
        if ch < "\x80":
            if "a" <= ch <= "z" or "0" <= ch <= "9":
                current.append(ch)
            elif "A" <= ch <= "Z":
                current.append(ch.lower())
            elif ch == "'":
                if current:
                    current.append(ch)
            elif ch in "-&":
                if current:
                    current.append(ch)
                else:
                    flush()
            elif ch == "@":
                if current:
                    flush()
                else:
                    current.append(ch)
            else:
                flush()
        else:
            for low in ch.lower():
                if unicodedata.category(low)[0] in "LN":
                    current.append(low)
                elif low in "\u2019\u2018":
                    if current:
                        current.append("'")
                else:
                    flush()
                    # An emoji is a token of its own (Tokenizer.isEmoji, near enough): it is not a word to the model,
                    # but it does stand between two words of a phrase.
                    if unicodedata.category(low) == "So" and ord(low) >= 0x2100:
                        out.append(low)
    flush()
    return out


# --- Features, exactly as StanceClassifier.swift computes them -------------------------------------------------

def load_cues():
    """The lexicon's stance phrases (config/lexicon/cues.yaml, `stance:`), as token tuples by kind."""
    text = open(os.path.join(ROOT, "config/lexicon/cues.yaml"), encoding="utf-8").read()
    block, inside = "", False
    for line in text.splitlines():
        if line.startswith("stance:"):
            inside = True
            continue
        if inside and line and not line[0].isspace():
            break
        if inside:
            block += " " + line.split("#")[0]
    cues = {}
    for part in block.replace("]", "]\n").splitlines():
        if ":" not in part:
            continue
        kind, items = part.split(":", 1)
        items = items.strip().strip("[]")
        cues[kind.strip()] = [tuple(tokens(item.strip().strip('"'))) for item in items.split(",") if item.strip()]
    return cues


def phrase_at(toks, i, phrases):
    """Whether one of the phrases starts at token position i."""
    return any(tuple(toks[i:i + len(phrase)]) == phrase for phrase in phrases)


def word(token):
    """A token as the model reads it: every @mention alike, every number alike."""
    if token.startswith("@"):
        return "@"
    if token.isdigit():
        return "<num>"
    return token


# Words that are a mention or a link's pieces rather than something said.
LINK_WORDS = {"@", "http", "https", "t", "co"}


def features(text, cues, source=None, direct=None):
    """The reply's features: words, adjacent word pairs and cues (`cue:` names), each once.

    `source` is the text of the thread's source post and `direct` whether the reply answers the source itself
    (rather than another reply); either may be unknown (None), and its cues are then left out.
    """
    toks = tokens(text)
    # Only ASCII tokens are words here: emoji and accented words are too rare in the data to weigh.
    positions = [i for i, t in enumerate(toks) if t.isascii()]
    words = [word(toks[i]) for i in positions]
    feats = {"cue:bias"}
    feats.update(words)
    feats.update(a + " " + b for a, b in zip(words, words[1:]))
    if "?" in text:
        feats.add("cue:question-mark")
    if text.rstrip().endswith("?"):
        feats.add("cue:ends-with-question")
    if "!" in text:
        feats.add("cue:exclamation")
    if "http" in text:
        feats.add("cue:link")
    if text.startswith(("RT ", "MT ", "\u201c@", '"@')):
        feats.add("cue:retweet")
    content = [w for w in words if w not in LINK_WORDS]
    opening = next((i for i, w in zip(positions, words) if w not in LINK_WORDS), None)
    for kind, phrases in cues.items():
        if any(phrase_at(toks, i, phrases) for i in range(len(toks))):
            feats.add("cue:" + kind)
        if opening is not None and phrase_at(toks, opening, phrases):
            feats.add("cue:opens-with-" + kind)
    n = len(content)
    feats.add("cue:length-" + ("0-2" if n <= 2 else "3-6" if n <= 6 else "7-15" if n <= 15 else "16+"))
    if n < len(words):
        feats.add("cue:mention-or-link")
    if direct is not None:
        feats.add("cue:answers-source" if direct else "cue:answers-reply")
    if source is not None and content:
        # A reply that mostly repeats the source (a quote, a retweet) tends to support it. Integer arithmetic, so
        # that Swift draws exactly the same line.
        said = {word(t) for t in tokens(source) if t.isascii()}
        repeated = sum(1 for w in content if w in said)
        if 10 * repeated >= 3 * n:
            feats.add("cue:repeats-source")
        if 10 * repeated >= 7 * n:
            feats.add("cue:mostly-repeats-source")
    return feats


# --- Data ------------------------------------------------------------------------------------------------------

def replies(data, split):
    """(text, source text, answers the source, gold stance, event) for every reply in a split, read as TSVTable.swift
    reads the file."""
    path = os.path.join(data, "rumours/rumoureval2019_posts.tsv")
    lines = [line for line in open(path, encoding="utf-8", newline="").read().splitlines() if line]
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    sources = {r["thread_id"]: r.get("text", "") for r in rows if r.get("is_source") == "True"}
    return [(r["text"], sources.get(r["thread_id"]), r["in_reply_to"] == r["thread_id"], r["stance"], r["event"])
            for r in rows if r.get("split") == split and r.get("is_source") == "False"]


# --- Model -----------------------------------------------------------------------------------------------------

def train(examples, vocabulary, alpha, l2, cue_l2, epochs=15, seed=7):
    """Multinomial logistic regression, L2-penalised, by stochastic gradient descent.

    Minimises sum_i w(y_i) * log loss_i + l2 / 2 * |word weights|^2 + cue_l2 / 2 * |cue weights|^2, where class c
    weighs (N / (K * n_c)) ** alpha so that rare stances count, and the bias is not penalised. Cues are penalised
    less than words: they hold across events, where a word is often one event's. The penalty shrinks every weight
    at every step; it is applied lazily through one shared scale per group (weights = scale * v), as in Bottou's
    SGD, so a step only touches the reply's own features. Deterministic for a given seed.
    """
    k_count = len(CLASSES)
    counts = {c: sum(1 for _, y in examples if y == c) for c in CLASSES}
    weight_of = [(len(examples) / (k_count * counts[c])) ** alpha for c in CLASSES]
    names = sorted(vocabulary)
    ids = {f: i for i, f in enumerate(names)}
    # Penalty groups: 0 words, 1 cues, 2 the bias.
    group = [2 if f == "cue:bias" else 1 if f.startswith("cue:") else 0 for f in names]
    penalties = [l2 / len(examples), cue_l2 / len(examples), 0.0]
    scales = [1.0, 1.0, 1.0]
    v = [[0.0] * k_count for _ in names]
    rows = [([ids[f] for f in feats if f in ids], CLASSES.index(y)) for feats, y in examples]
    order = list(range(len(rows)))
    rng = random.Random(seed)
    step, rate0 = 0, 0.1
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, gold = rows[i]
            rate = rate0 / (1 + rate0 * penalties[0] * step)
            step += 1
            scores = [0.0] * k_count
            for f in feats:
                row, scale = v[f], scales[group[f]]
                for k in range(k_count):
                    scores[k] += row[k] * scale
            probabilities = softmax(scores)
            errors = [weight_of[gold] * (p - (1.0 if k == gold else 0.0)) for k, p in enumerate(probabilities)]
            for g in range(3):
                scales[g] *= 1 - rate * penalties[g]
            for f in feats:
                row, scale = v[f], scales[group[f]]
                for k in range(k_count):
                    row[k] -= rate * errors[k] / scale
            if min(scales) < 1e-6:
                # Fold the scales back into the weights before they underflow.
                v = [[x * scales[group[f]] for x in row] for f, row in enumerate(v)]
                scales = [1.0, 1.0, 1.0]
    return {f: [x * scales[group[i]] for x in v[i]] for f, i in ids.items()}


def softmax(scores):
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def averaged(models):
    """The mean of several models' weights: SGD from different shuffles, so the result depends less on one."""
    return {f: [sum(m[f][k] for m in models) / len(models) for k in range(len(CLASSES))] for f in models[0]}


def quantised(weights, offsets=(0, 0, 0, 0)):
    """Weights in ten-thousandths, as written to the file, with the class offsets folded into the bias. Integer
    sums are exact in any order, so Swift's scores equal these to the unit and a tie breaks the same way."""
    out = {}
    for f, ws in weights.items():
        ints = [round(w * SCALE) + (offsets[k] if f == "cue:bias" else 0) for k, w in enumerate(ws)]
        if any(ints):
            out[f] = ints
    return out


def best_class(scores):
    """The class with the highest score; a tie goes to comment, the stance of a reply with nothing to say, and
    then to the earlier class in CLASSES."""
    return CLASSES[max(range(len(CLASSES)), key=lambda k: (scores[k], CLASSES[k] == "comment", -k))]


def predict(weights, feats):
    """The class whose weights, summed over the reply's features, are highest."""
    return best_class([sum(weights[f][k] for f in feats if f in weights) for k in range(len(CLASSES))])


def macro_f1(pairs):
    """Macro-F1 over the four classes and each class's F1, as Evaluation.stance() computes them."""
    f1s = {}
    for c in CLASSES:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        predicted = sum(1 for _, p in pairs if p == c)
        actual = sum(1 for g, _ in pairs if g == c)
        f1s[c] = 0.0 if tp == 0 else 2 * (tp / predicted) * (tp / actual) / (tp / predicted + tp / actual)
    return sum(f1s.values()) / len(f1s), f1s


def tuned_offsets(weights, dev_set):
    """Per-class additions to the bias (comment's fixed at 0) that raise dev macro-F1: class weighting alone does
    not set where the rare stances' lines fall. Coordinate ascent over a coarse grid, two passes; the smallest
    offset wins a tie."""
    base = quantised(weights)
    scores = [[sum(base[f][k] for f in feats if f in base) for k in range(len(CLASSES))] for feats, _ in dev_set]
    gold = [y for _, y in dev_set]

    def score(offsets):
        guesses = [best_class([s[k] + offsets[k] for k in range(len(CLASSES))]) for s in scores]
        return macro_f1(list(zip(gold, guesses)))[0]

    offsets = [0, 0, 0, 0]
    grid = [step * SCALE // 4 for step in range(-6, 7)]
    for _ in range(2):
        for k in range(len(CLASSES) - 1):
            offsets[k] = max(grid, key=lambda o: (score(offsets[:k] + [o] + offsets[k + 1:]), -abs(o)))
    return offsets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(os.path.dirname(ROOT), "shared/data"))
    parser.add_argument("--out", default=os.path.join(ROOT, "config/lexicon/stance-weights.tsv"))
    parser.add_argument("--dry-run", action="store_true", help="print the dev figures, write nothing")
    args = parser.parse_args()

    cues = load_cues()
    train_set = [(features(t, cues, s, d), y) for t, s, d, y, _ in replies(args.data, "train")]
    dev_set = [(features(t, cues, s, d), y) for t, s, d, y, _ in replies(args.data, "dev")]
    document_frequency = {}
    for feats, _ in train_set:
        for f in feats:
            document_frequency[f] = document_frequency.get(f, 0) + 1
    vocabulary = {f for f, n in document_frequency.items() if n >= MIN_COUNT or f.startswith("cue:")}
    print(f"{len(train_set)} train replies, {len(dev_set)} dev replies, {len(vocabulary)} features", file=sys.stderr)

    best = None
    for alpha in (0.75, 0.9):
        for l2 in (100.0, 300.0, 1000.0):
            for cue_l2 in (3.0, 30.0):
                weights = averaged([train(train_set, vocabulary, alpha, l2, cue_l2, seed=s) for s in SEEDS])
                offsets = tuned_offsets(weights, dev_set)
                model = quantised(weights, offsets)
                score, f1s = macro_f1([(y, predict(model, feats)) for feats, y in dev_set])
                print(f"alpha {alpha:<4} l2 {l2:<6} cue l2 {cue_l2:<4} offsets {offsets}: dev macro-F1 {score:.3f} "
                      + " ".join(f"{c} {f1s[c]:.2f}" for c in CLASSES), file=sys.stderr)
                if best is None or score > best[0]:
                    best = (score, dict(alpha=alpha, l2=l2, cue_l2=cue_l2, offsets=offsets), model, f1s)
    score, chosen, model, f1s = best
    print(f"chosen {chosen}: dev macro-F1 {score:.3f} " + " ".join(f"{c} {f1s[c]:.3f}" for c in CLASSES),
          file=sys.stderr)
    if args.dry_run:
        return
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(HEADER.format(train=len(train_set), dev=len(dev_set), score=score, min_count=MIN_COUNT,
                                seeds=len(SEEDS), per_class=", ".join(f"{c} {f1s[c]:.3f}" for c in CLASSES),
                                **chosen))
        out.write("feature\t" + "\t".join(CLASSES) + "\n")
        for f in sorted(model, key=lambda f: (not f.startswith("cue:"), f)):
            out.write(f + "\t" + "\t".join(f"{w / SCALE:.4f}" for w in model[f]) + "\n")
    print(f"wrote {len(model)} features to {args.out}", file=sys.stderr)


SCALE = 10000  # weights are kept to four decimals
MIN_COUNT = 3  # a word or word pair must be in at least this many train replies
SEEDS = (7, 1, 2)


HEADER = """\
# Muster's reply-stance model: the weights of a multinomial logistic regression, one feature a line. A reply's stance
# is the class whose weights, summed over the reply's features, are highest; a tie goes to comment. Features:
#   cue:bias            every reply
#   cue:…               a question mark, ending on one, "!", a link, a retweet or quote, length, cues.yaml's stance
#                       phrases anywhere (cue:deny) and as the opening words (cue:opens-with-deny), whether the reply
#                       answers the source post itself and how much it repeats the source's words
#   word, "word word"   lower-cased words and adjacent pairs; every @mention reads as @, every number as <num>
# Read by Sources/MusterText/StanceClassifier.swift, which computes the same features as the script.
#
# Trained by scripts/train-stance.py (Python 3 standard library) on the {train} replies of RumourEval 2019's train
# split; features in fewer than {min_count} of them dropped; {seeds} SGD runs averaged. Chosen by macro-F1 on the
# {dev} replies of the dev split:
#   class weighting alpha {alpha:g}, L2 {l2:g} on words and {cue_l2:g} on cues
#   per-class offsets {offsets} (ten-thousandths, folded into cue:bias)
#   dev macro-F1 {score:.3f}: {per_class}
# The test split is not used. Regenerate with the script rather than editing by hand.
#
# Data: RumourEval 2019 (Gorrell et al., SemEval-2019 Task 7), CC BY 4.0. These weights are derived from it and
# are shared under the same licence, with that attribution.
"""


if __name__ == "__main__":
    main()
