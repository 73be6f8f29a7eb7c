#!/usr/bin/env python3
"""NegEx against `myelodx context` on an assertion corpus.

Usage: bench/negex-compare.py [CORPUS.jsonl] [--format text|json] [--show-errors]
Default corpus: tests/TestData/text-gold/context.jsonl (lines {"id","text","target","negated","uncertain",
"historical","hypothetical","experiencer"}).

The NegEx here is a plain implementation written for this script from the published algorithm (Chapman et al.,
"A simple algorithm for identifying negated findings and diseases in discharge summaries", J Biomed Inform 2001):
in the sentence that holds the target, find trigger phrases (longest match first); pseudo-negation phrases
("no increase", "gram negative") match but negate nothing; a pre-negation phrase ("no", "denies", "without")
negates a target starting within the next 5 words, a post-negation phrase ("was ruled out", "is absent") one ending
within the 5 words before it; a termination term ("but", "however", "except") ends the window. "Possible" phrases
("rule out", "cannot be excluded", "unlikely") mark the target uncertain, not negated. The trigger lists are a
compact set written from the paper's description, not the distributed trigger file, and they are not tuned to this
corpus. `myelodx context` is the assertion engine of src/MyeloDx.Text (contract in /work/shared/product.md); when
the command is not there the script reports NegEx alone.
"""
import json, os, re, subprocess, sys, tempfile

PSEUDO = ["no increase", "no change", "no significant change", "no interval change", "no definite change",
          "no suspicious change", "no significant interval change", "not extend", "not cause", "not drain",
          "not certain if", "not certain whether", "not necessarily", "not only", "gram negative", "without difficulty",
          "no further"]
PRE_NEG = ["no", "not", "denies", "denied", "denying", "deny", "without", "no evidence of", "no evidence",
           "evidence of no", "no sign of", "no signs of", "negative for", "free of", "absence of", "no history of",
           "never", "never had", "never developed", "fails to reveal", "did not exhibit", "not demonstrate",
           "no findings of", "no suspicious", "with no", "rules out", "ruled out", "declined", "not had"]
POST_NEG = ["free", "is ruled out", "are ruled out", "was ruled out", "were ruled out", "has been ruled out",
            "have been ruled out", "is absent", "are absent", "was absent", "absent", "is negative", "was negative",
            "were negative", "negative", "not seen", "not present", "none", "unremarkable", "excluded",
            "has been excluded", "was excluded", "is excluded"]
PRE_POSS = ["rule out", "r/o", "rule him out", "rule her out", "rule the patient out", "possible", "possibly",
            "probable", "probably", "questionable", "suspicious for", "suspected", "cannot exclude", "cannot rule out",
            "may be", "could be", "likely", "?", "query", "versus", "vs", "differential includes", "worrisome for",
            "concerning for", "suggestive of", "consistent with"]
POST_POSS = ["unlikely", "cannot be excluded", "cannot be ruled out", "can not be ruled out", "not ruled out",
             "not been ruled out", "could not be ruled out", "be ruled out", "is to be ruled out", "not excluded",
             "is suspected", "is questionable", "is possible", "is doubtful", "doubtful"]
TERMINATION = ["but", "however", "although", "though", "except", "aside from", "apart from", "yet", "nevertheless",
               "still", "which", "secondary to", "cause of", "cause for", "source of", "reason for", "etiology of",
               "origin of"]

TOKEN = re.compile(r"[a-z0-9]+(?:[/'-][a-z0-9]+)*|\?")


def tokens(text):
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text.lower())]


def split_words(phrase):
    return [t for t, _, _ in tokens(phrase)]


TRIGGERS = []
for kind, lst in [("pseudo", PSEUDO), ("pre_neg", PRE_NEG), ("post_neg", POST_NEG), ("pre_poss", PRE_POSS),
                  ("post_poss", POST_POSS), ("term", TERMINATION)]:
    for p in lst:
        TRIGGERS.append((tuple(split_words(p.replace("-", " "))), kind))
# longest phrase first, so "no evidence of" wins over "no" and "be ruled out" over "ruled out"
TRIGGERS.sort(key=lambda t: -len(t[0]))


def sentence_span(text, start, end):
    """The sentence around [start, end): split at . ! ? followed by space or end, and at line breaks."""
    bounds = [0] + [m.end() for m in re.finditer(r"[.!?](?=\s|$)|\n", text)] + [len(text)]
    s = max(b for b in bounds if b <= start)
    e = min(b for b in bounds if b >= end)
    return s, e


def locate(text, target):
    pat = r"\s+".join(re.escape(p) for p in target.split())
    m = re.search(pat, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def negex(text, target):
    loc = locate(text, target)
    if loc is None:
        return {"negated": False, "uncertain": False, "triggers": [], "error": "target not found"}
    s, e = sentence_span(text, *loc)
    # a sentence boundary inside the target (e.g. a '?' in it) would hide it; then use the whole text
    if s > loc[0] or e < loc[1]:
        s, e = 0, len(text)
    sent = text[s:e]
    raw = tokens(sent)
    # split hyphenated tokens so "gram-negative" meets "gram negative"
    toks = []
    for w, a, b in raw:
        parts = w.split("-")
        off = a
        for p in parts:
            toks.append((p, off + s, off + s + len(p)))
            off += len(p) + 1
    words = [t[0] for t in toks]
    t_first = next((i for i, t in enumerate(toks) if t[2] > loc[0]), len(toks))
    t_last = max((i for i, t in enumerate(toks) if t[1] < loc[1]), default=t_first)
    hits = []
    i = 0
    while i < len(words):
        for phrase, kind in TRIGGERS:
            n = len(phrase)
            if tuple(words[i:i + n]) == phrase and not (t_first <= i <= t_last and kind != "term" and i + n - 1 <= t_last):
                hits.append((i, i + n, kind, " ".join(phrase)))
                i += n
                break
        else:
            i += 1
    negated = uncertain = False
    fired = []
    for idx, (a, b, kind, phrase) in enumerate(hits):
        if kind in ("pre_neg", "pre_poss"):
            end = min(len(words), b + 5)
            for a2, _, k2, _ in hits[idx + 1:]:
                if a2 >= end:
                    break
                if k2 in ("term", "pre_neg", "pre_poss", "pseudo"):
                    end = a2
                    break
            if b <= t_first < end:
                if kind == "pre_neg":
                    negated = True
                else:
                    uncertain = True
                fired.append(phrase)
        elif kind in ("post_neg", "post_poss"):
            start = max(0, a - 5)
            for a2, b2, k2, _ in reversed(hits[:idx]):
                if b2 <= start:
                    break
                if k2 in ("term", "post_neg", "post_poss", "pseudo"):
                    start = b2
                    break
            if start <= t_last < a:
                if kind == "post_neg":
                    negated = True
                else:
                    uncertain = True
                fired.append(phrase)
    return {"negated": negated, "uncertain": uncertain, "triggers": fired}


def run_context(corpus):
    """`myelodx context CORPUS` through the built CLI; None when the command is not there."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["dotnet", "build", "src/MyeloDx.Cli", "-c", "Release", "-v", "q", "-nologo"], cwd=root,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    exe = os.path.join(root, "src/MyeloDx.Cli/bin/Release/net10.0/myelodx")
    p = subprocess.run([exe, "context", corpus], cwd=root, capture_output=True, text=True)
    if p.returncode != 0:
        return None, (p.stderr or p.stdout).strip().splitlines()[:2]
    out = {}
    for line in p.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            o = json.loads(line)
            out[str(o.get("id"))] = o
    return out, None


def prf(gold, pred):
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 1.0
    pr = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return {"accuracy": round(acc, 4), "precision": round(pr, 4), "recall": round(rc, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def main(argv):
    corpus = next((a for a in argv if not a.startswith("--")), None) or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests/TestData/text-gold/context.jsonl")
    fmt = "json" if "--format" in argv and argv[argv.index("--format") + 1] == "json" else "text"
    rows = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
    gold_neg = [bool(r["negated"]) for r in rows]
    nx = [negex(r["text"], r["target"]) for r in rows]
    report = {"corpus": corpus, "lines": len(rows), "negated": sum(gold_neg),
              "negex": {"negation": prf(gold_neg, [o["negated"] for o in nx]),
                        "uncertainty": prf([bool(r.get("uncertain")) for r in rows], [o["uncertain"] for o in nx])}}
    ctx, why = run_context(corpus)
    errors = []
    if ctx is None:
        report["context"] = {"available": False, "reason": " ".join(why or [])}
    else:
        got = [ctx.get(str(r["id"]), {}) for r in rows]
        missing = sum(1 for g in got if not g or "error" in g)
        c = {"available": True, "missingOrError": missing,
             "negation": prf(gold_neg, [bool(g.get("negated")) for g in got])}
        for attr in ("uncertain", "historical", "hypothetical"):
            c[attr] = prf([bool(r.get(attr)) for r in rows], [bool(g.get(attr)) for g in got])
        c["experiencer"] = prf([r.get("experiencer") == "other" for r in rows], [g.get("experiencer") == "other" for g in got])
        report["context"] = c
        for r, g, n in zip(rows, got, nx):
            if bool(g.get("negated")) != bool(r["negated"]) or n["negated"] != bool(r["negated"]):
                errors.append({"id": r["id"], "gold": r["negated"], "negex": n["negated"], "context": g.get("negated"),
                               "target": r["target"], "text": r["text"]})
    if ctx is None:
        for r, n in zip(rows, nx):
            if n["negated"] != bool(r["negated"]):
                errors.append({"id": r["id"], "gold": r["negated"], "negex": n["negated"], "target": r["target"], "text": r["text"]})
    report["disagreements"] = errors
    if fmt == "json":
        print(json.dumps(report, indent=2))
        return
    print(f"Assertion corpus {corpus}: {len(rows)} lines, {sum(gold_neg)} negated targets")
    print(f"{'system':<18}{'neg acc':>8}{'prec':>7}{'recall':>8}{'F1':>7}")
    def row(name, m):
        print(f"{name:<18}{m['accuracy']:>8.3f}{m['precision']:>7.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}")
    row("NegEx", report["negex"]["negation"])
    if report["context"]["available"]:
        row("myelodx context", report["context"]["negation"])
        for a in ("uncertain", "historical", "hypothetical", "experiencer"):
            m = report["context"][a]
            print(f"  context {a:<13} acc {m['accuracy']:.3f} P {m['precision']:.3f} R {m['recall']:.3f}")
        if report["context"]["missingOrError"]:
            print(f"  context gave no answer or an error for {report['context']['missingOrError']} lines")
    else:
        print(f"myelodx context: not available ({report['context']['reason']})")
    m = report["negex"]["uncertainty"]
    print(f"  NegEx 'possible' as uncertain: acc {m['accuracy']:.3f} P {m['precision']:.3f} R {m['recall']:.3f}")
    if "--show-errors" in argv:
        for e in errors:
            print(f"  {e['id']} gold={e['gold']} negex={e['negex']} context={e.get('context')}: [{e['target']}] {e['text']}")


if __name__ == "__main__":
    main(sys.argv[1:])
