"""How many died: figures the sentence attaches to the event's killing.

Victims are read from the killing verb's arguments: the object of "killed",
the subject of "were killed", the noun of "N dead" / "death toll of N". Conjoined
victims are added up ("killed my husband and two of my children" is 3); a single
person noun counts one ("Her husband ... was killed"). Vague words follow ACLED's
conservative rule: "dozens" 12, "hundreds" 100; "scores", "many" give no figure.
Wounded are not fatalities.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .. import vocab
from ..language import doccache

# ACLED's conservative figure for a vague plural ("dozens" is 12).
ACLED_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1000}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


def number_value(tok: Token) -> int | None:
    """A token's whole number: "12", "1,200", "twelve", "twenty-five", "hundred"."""
    text = tok.lower_
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    value = _word_value(text)
    if value is not None:
        return value
    if "-" in text:  # twenty-five
        parts = [_word_value(p) for p in text.split("-")]
        if None not in parts:
            return sum(parts)
    return None


def _word_value(word: str) -> int | None:
    for concept in ("number_words", "number_scales", "counting_nouns"):
        value = vocab.mapping(concept).get(word)
        if value is not None:
            return value
    return None


def _compound_number(tok: Token) -> int | None:
    """A number the parser split: "Twenty-three" (twenty + three), "two hundred" (2 x 100)."""
    value = number_value(tok)
    if value is None:
        return None
    for part in tok.children:
        n = number_value(part) if part.dep_ in ("compound", "nummod", "quantmod") and part.i < tok.i else None
        if n is None:
            continue
        if value >= 100 and n < value:
            value *= n  # two hundred
        elif n >= 20 and value < 10:
            value += n  # twenty-three
    return value


def count_noun_phrase(head: Token) -> int | None:
    """How many people a victim noun phrase names: 'two of my children' 2, 'my husband' 1."""
    lemma = head.lemma_.lower()
    if lemma in ACLED_VAGUE or head.lower_ in ACLED_VAGUE:
        return ACLED_VAGUE.get(head.lower_, ACLED_VAGUE.get(lemma))
    if head.lower_ in vocab.words("no_figure_words"):
        return None
    if any(c.dep_ == "det" and c.lower_ in vocab.words("negators") for c in head.children):
        return 0  # "killed no one", "no civilians died"
    value = number_value(head)
    if value is not None:
        return value
    for child in head.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "quantmod", "compound")):
            v = _compound_number(child)
            if v is not None:
                # "more than 20", "at least 12": low end is the figure
                return v
            if child.lower_ in ACLED_VAGUE:
                return ACLED_VAGUE[child.lower_]
        if child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in ACLED_VAGUE:
            return ACLED_VAGUE[head.lower_]
    if lemma in vocab.words("person_nouns") and head.tag_ in ("NN", "NNP"):
        return 1
    for part in head.children:  # "three al Qaeda militants": the parser hangs the number on the name
        if part.dep_ == "compound" and (n := next((_compound_number(m) for m in part.children if m.dep_ == "nummod"), None)):
            return n
    # (not a plural: "killing six people, an attack provincial officials blamed on ..." is a misparse)
    if head.tag_ not in ("CD", "NNS", "NNPS") and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in head.children) and (
            head.tag_ in ("NN", "NNP") or head.dep_ in ("dobj", "nsubjpass")):
        return 1  # "a New Yorker", "a Belgian woman", "killing a 17-year-old"
    return None


# How the parser hangs "dead" on "leaving": "leaving 20 people dead" is also read as a clause (ccomp).
_DEAD_DEPS = ("oprd", "xcomp", "acomp", "ccomp")
# Verbs whose subject is the dead ("two more died", "eight people perished").
_DYING_VERBS = ("die", "perish")


def _victim_heads(verb: Token) -> list[Token]:
    from .roles import headline_passive_subject, object_under_dead

    subject = headline_passive_subject(verb)
    if subject is not None:
        # "Nine soldiers, three militants killed": the parser reads a headline's counted list as two subjects
        return [subject, *(c for c in verb.children if c.dep_ == "nsubj" and c.i != subject.i and _counted(c))]
    heads: list[Token] = []
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD"):
        heads.append(_list_head(verb.head))  # "25 soldiers killed in an attack": a reduced relative clause
    lost_life = verb.lemma_ == "lose" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in vocab.words("life_nouns") for c in verb.children)
    for child in verb.children:
        if lost_life:  # "a soldier lost his life", "six people lost their lives": the subject died
            if child.dep_ == "nsubj":
                heads.append(child)
        elif child.dep_ in ("dobj", "nsubjpass") or (verb.lemma_ in _DYING_VERBS and child.dep_ == "nsubj"):
            heads.append(child)
        elif child.dep_ in _DEAD_DEPS and child.lower_ == "dead" and verb.lemma_ == "leave":
            # "blasts that left at least 20 people dead": the parser makes the dead the subject of "dead"
            heads.extend(c for c in child.children if c.dep_ == "nsubj")
        elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PRON") and any(h.dep_ == "dobj" for h in verb.children):
            heads.append(child)  # "killing himself and at least 25 others": the parser hangs "others" on the verb
        elif child.lower_ == "dead" and (victim := object_under_dead(verb)) is not None:
            heads.append(victim)  # "shot dead a police officer"
        elif child.dep_ in ("mark", "prep") and child.lower_ == "between" and not any(h.dep_ in ("dobj", "nsubjpass") for h in verb.children):
            # "Between three and five soldiers were killed", "killing between two and four of them"
            heads.extend(o for o in child.children if o.dep_ == "pobj")
    return heads


def _list_head(noun: Token) -> Token:
    """The first noun of a headline's counted list ("Four militants, two civilians killed": the
    parser hangs the verb on the last count, and makes it an apposition of the first)."""
    return noun.head if noun.dep_ == "appos" and _counted(noun) and _counted(noun.head) else noun


def _counted(noun: Token) -> bool:
    """A noun with a number of its own ("three militants")."""
    return any(c.dep_ == "nummod" for c in noun.children)


def _with_conjuncts(tok: Token) -> list[Token]:
    """A victim and those listed with it: 'Five tourists, a Belgian woman, a New Yorker and a man'."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            # An apposition renames one person ("Her husband, a militant") unless it
            # continues a counted list ("Five tourists, a Belgian woman, ..."); "eleven of
            # them" counts a part of the number before it.
            partitive = any(p.lower_ == "of" and any(o.lower_ in ("them", "those", "whom") for o in p.children) for p in c.children)
            # (after a comma: "...killed in Mosul: U.S. general" names the source, no victim)
            listed = c.dep_ == "appos" and cur.tag_ == "NNS" and not partitive and c.doc[c.left_edge.i - 1].text == ","
            if (c.dep_ == "conj" or listed) and c.i > cur.i and c not in out:
                out.append(c)
                stack.append(c)
    return out


def fatalities_in(sent: Span, trigger: Token | None = None) -> int | None:
    """Deaths the sentence reports for the event: the killing nearest the trigger, plus a
    killing told of the other side or "also" ("killing a constable, and one of the militants
    died when police returned fire": 2), plus bombers who blew themselves up; 0 when the
    sentence says nobody was hurt."""
    clauses = _clauses(sent)
    if trigger is not None:
        clauses = [cl for cl in clauses if not before_the_act(cl[0], trigger)]
    if not clauses:
        return 0 if _says_nobody_hurt(sent) else None
    nearest = _nearest(clauses, trigger)
    total = nearest[1]
    for clause in clauses:
        if clause is not nearest and _adds_to(clause, nearest):
            total += clause[1]
    counted = {v.i for cl in clauses for v in cl[2]}
    return total + _self_killed(sent, counted)


def before_the_act(killing: Token, trigger: Token) -> bool:
    """A death or an act told as what came before the act ("set fire to a police station after a
    man died in custody"): a clause opened by "after" that holds it and not the trigger."""
    for tok in (killing, *killing.ancestors):
        if tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "after" for m in tok.children):
            return trigger.i not in {t.i for t in tok.subtree}
        if tok.i == trigger.i:
            return False
    return False


def toll_victims(sent: Span, trigger: Token) -> tuple[Token | None, list[Token]]:
    """The killing nearest the trigger, the one `fatalities_in` counts for it, and its victims'
    nouns ("blasts that left at least 20 people dead": left, [people])."""
    clauses = _clauses(sent)
    if not clauses:
        return None, []
    nearest = _nearest(clauses, trigger)
    return nearest[0], nearest[2]


def _nearest(clauses: list[tuple], trigger: Token | None) -> tuple:
    """The killing nearest the trigger (the first told, with no trigger)."""
    return min(clauses, key=lambda cl: abs(cl[0].i - trigger.i) if trigger is not None else 0)


@doccache.per_sentence
def _clauses(sent: Span) -> list[tuple]:
    """(token, how many, victims) of every killing the sentence tells, once per sentence."""
    doc, killing = sent.doc, vocab.words("killing_words")
    lemmas, verbs = doccache.lower_lemmas(doc), doccache.verbal(doc)
    # only a killing word or a verb can tell a killing (_killing): the rest need no Token
    return [(doc[i], *found) for i in range(sent.start, sent.end)
            if (verbs[i] or lemmas[i] in killing) and (found := _killing(doc[i])) is not None]


def killing_near(sent: Span, trigger: Token) -> Token | None:
    """The killing whose dead `fatalities_in` gives the trigger's event: the one nearest it."""
    return toll_victims(sent, trigger)[0]


def _killing(tok: Token) -> tuple[int, list[Token]] | None:
    """(how many, the victims' tokens) a killing word reports, or None."""
    lemma = tok.lemma_.lower()
    if lemma in vocab.words("killing_words") and _dead_and_hurt(tok):
        return None
    verb = tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")
    if verb and (lemma in vocab.words("killing_words") or killed_in_manner(tok) or _left_dead(tok)):
        total, found, victims = 0, False, []
        for head in _victim_heads(tok):
            # "between two and four of them": the lower bound, not both
            parts = [head] if head.head.lower_ == "between" else _with_conjuncts(head)
            for part in parts:
                if part.lower_ in vocab.words("reflexive_pronouns"):
                    n = _reflexive_count(part, tok)
                elif part.pos_ == "PRON":
                    n = _pronoun_count(part, tok)
                else:
                    n = count_noun_phrase(part)
                if n is not None:
                    total, found = total + n, True
                    victims.append(part)
        return (total, victims) if found else None
    if verb or lemma not in vocab.words("killing_words"):
        return None
    if tok.lower_ == "dead" and tok.dep_ == "amod" and tok.head.i < tok.i and tok.head.pos_ == "NOUN":
        # a headline's dead told after their noun: "Seven rebels dead in clash", "Two soldiers, five rebels dead"
        victims = [p for p in _with_conjuncts(_list_head(tok.head)) if count_noun_phrase(p) is not None]
        return (sum(count_noun_phrase(p) for p in victims), victims) if victims else None
    # "8 dead", "death toll of 20", "the deaths of eight people"
    total = None
    for child in tok.children:
        if child.dep_ == "nummod" or child.like_num:
            total = number_value(child) if number_value(child) is not None else total
        if child.dep_ == "prep" and child.lower_ in ("of", "to", "at"):
            for obj in child.children:
                n = count_noun_phrase(obj)
                total = n if n is not None else total
    if tok.head.like_num and tok.lower_ == "dead" and number_value(tok.head) is not None:
        total = number_value(tok.head)
    if total is None and tok.dep_ == "dobj":  # "raised the toll to 29", "put the toll at 19"
        for prep in tok.head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "at"):
                total = next((number_value(o) for o in prep.children if o.dep_ == "pobj" and number_value(o) is not None), total)
    return (total, []) if total is not None else None


def _dead_and_hurt(tok: Token) -> bool:
    """"16 people killed or wounded", "six killed, injured", "30 dead and wounded": one count of
    the dead and the hurt together, no death toll. Not "killed five, wounded 12" (a count each)."""
    doc, i = tok.doc, tok.i
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in (",", "or", "and"):
        return False
    nxt = doc[i + 2] if doc[i + 2].lower_ != "or" or i + 3 >= len(doc) else doc[i + 3]
    lemma = nxt.lemma_.lower()
    return lemma in vocab.words("hurt_words") and lemma not in vocab.words("killing_words")


def killed_in_manner(verb: Token) -> bool:
    """"shot dead 11 villagers", "beat a man to death", "burned them alive"."""
    if verb.lemma_.lower() not in vocab.words("killing_manner_verbs"):
        return False
    for ch in verb.children:
        if ch.lower_ in ("dead", "alive"):
            return True
        if ch.dep_ == "dobj" and any(m.lower_ == "dead" for m in ch.children):
            return True  # "shot dead 11 villagers": the parser hangs "dead" on the villagers
    # "beat a man accused of blasphemy to death": "to death" may hang on the victim's phrase
    return any(t.lemma_.lower() == "death" and t.head.lower_ == "to" for t in verb.subtree)


def _left_dead(verb: Token) -> bool:
    """"leaving two soldiers dead", "fighting that left at least 11 combatants dead"; not "left
    nine soldiers dead or wounded" (one count of both)."""
    if verb.lemma_.lower() != "leave":
        return False
    dead = [ch for ch in verb.children if ch.dep_ in _DEAD_DEPS and ch.lower_ == "dead"]
    dead += [m for ch in verb.children if ch.dep_ == "dobj" for m in ch.children if m.lower_ == "dead"]  # "left 11 combatants dead"
    return bool(dead) and not any(_dead_and_hurt(d) for d in dead)


def _pronoun_count(pron: Token, verb: Token) -> int | None:
    """"burned him to death": one; "dragged two men ... and burned them alive": the men the
    verb before it took."""
    if pron.lower_ in ("him", "her"):
        return 1
    if pron.lower_ == "them" and verb.dep_ == "conj":
        taken = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        return count_noun_phrase(taken) if taken is not None else None
    return None


def _reflexive_count(tok: Token, verb: Token) -> int | None:
    """"killing himself and 25 others": the attacker himself; "as well as themselves": as many
    attackers as the clause's subject counts ("two female suicide bombers")."""
    if tok.lower_ != "themselves":
        return 1
    while verb.dep_ in ("conj", "advcl", "xcomp", "pcomp", "pobj", "prep") and verb.head.i != verb.i:
        if any(c.dep_ == "nsubj" for c in verb.children):
            break
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return count_noun_phrase(subject) if subject is not None else None


def _adds_to(clause: tuple, nearest: tuple) -> bool:
    """Is a second killing in the sentence more dead of the same event, not the same dead told
    again: "also" ("two soldiers had also died"), or the other side's ("one of the militants")?"""
    tok, _, victims = clause
    if any(c.lower_ == "also" for c in (*tok.children, *tok.head.children)):
        return True
    return bool(victims) and bool(nearest[2]) and _attackers(victims) != _attackers(nearest[2])


def _lost_by_attackers(verb: Token) -> bool:
    """"The attackers lost four men": the dead were the attackers' own."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return verb.lemma_.lower() == "lose" and subject is not None and _attackers([subject])


def _attackers(victims: list[Token]) -> bool:
    """Are the dead the attackers' own ("one of the militants", "four gunmen")? Every victim
    listed must be: "36 people and three suicide bombers" is the whole toll, not the attackers'."""
    nouns = vocab.words("attacker_nouns")

    def own(v: Token) -> bool:  # the victim's phrase without the victims listed after it
        listed = {w.i for c in v.children if c.dep_ in ("conj", "appos") for w in c.subtree}
        return any(w.lemma_.lower() in nouns for w in v.subtree if w.i not in listed)
    return bool(victims) and all(own(v) for v in victims)


def _self_killed(sent: Span, counted: set[int]) -> int:
    """Bombers who "blew themselves up", when the sentence counts other dead and not them yet."""
    if not counted:
        return 0
    extra = 0
    lemmas = doccache.lower_lemmas(sent.doc)
    for i in range(sent.start, sent.end):
        if lemmas[i] != "blow":
            continue
        tok = sent.doc[i]
        if not any(c.lower_ == "up" for c in tok.children):
            continue
        for ch in tok.children:
            if ch.dep_ == "dobj" and ch.lower_ in vocab.words("reflexive_pronouns"):
                extra += _reflexive_count(ch, tok) or 0
    reflexives = vocab.words("reflexive_pronouns")
    return 0 if any(sent.doc[i].lower_ in reflexives for i in counted) else extra  # "killing himself and 25 others"


def _says_nobody_hurt(sent: Span) -> bool:
    """"nobody was hurt", "causing no casualties", "without hurting anyone": a toll of 0."""
    text = " " + " ".join(doccache.lower_lemmas(sent.doc)[sent.start : sent.end]) + " "
    return any(f" {p} " in text for p in vocab.words("nobody_hurt_phrases"))


@dataclass(frozen=True)
class Toll:
    """A sentence's dead, and how they stand to a toll told before: `adds` (the other side's
    dead, or "also": more dead of one event), `updates` (a revised count: "raised the toll
    to 29", "first put the toll at 19; ... 24 had died"); else it only fills a missing toll."""

    count: int
    adds: bool = False
    updates: bool = False
    attackers: bool = False  # added only as the attackers' dead: not to a toll of the attackers' dead
    # the dead are the attackers of an incident told before ("The attacker also died", "the
    # attackers lost four men"): theirs even in a sentence that names the incident again
    theirs: bool = False
    whole: bool = False  # the dead at large ("eight people perished", "20 were killed"), not a part


def toll_of(sent: Span) -> Toll | None:
    """The sentence's toll as a later mention of an event tells it ("The attackers lost four
    men in the gunfight", "On Tuesday the ministry raised the toll to 29")."""
    clauses = _clauses(sent)
    if not clauses:
        return None
    updates = _revises(sent, clauses[-1][0])
    chosen = clauses[-1] if updates else clauses[0]  # a revision's figure is the one told last
    also = any(c.lower_ == "also" for tok, *_ in clauses for c in (*tok.children, *tok.head.children))
    attackers = all((victims and _attackers(victims)) or _lost_by_attackers(tok) for tok, _, victims in clauses)
    theirs = attackers and all(_definite(v) for tok, _, victims in clauses
                               for v in (victims if not _lost_by_attackers(tok) else _subjects(tok)))
    whole = bool(chosen[2]) and all(v.pos_ == "NUM" or v.lemma_.lower() in vocab.words("whole_toll_nouns") for v in chosen[2])
    return Toll(chosen[1], adds=also or attackers, updates=updates, attackers=attackers and not also, theirs=theirs,
                whole=whole and len(clauses) == 1)


def attackers_own_death(verb: Token) -> bool:
    """"The bomber was also killed", "the attacker died": a killing told of the attackers named
    before, by nobody named: their death in the incident told before, not an act of its own."""
    found = _killing(verb)
    if found is None or not found[1] or any(c.dep_ == "agent" for c in verb.children):
        return False
    if verb.lemma_.lower() not in _DYING_VERBS and any(c.dep_ == "nsubj" for c in verb.children):
        return False  # "police killed the gunman": an act of the police
    victims = found[1]
    return _attackers(victims) and all(_definite(v) for v in victims)


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "nsubj"]


def _definite(tok: Token) -> bool:
    """"the attacker", "one of the gunmen": a phrase pointing back to someone already told of."""
    if any(c.dep_ in ("det", "poss") and c.lower_ in vocab.words("definite_determiners") for c in tok.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(_definite(o) for o in c.children if o.dep_ == "pobj")
               for c in tok.children)


def _revises(sent: Span, last: Token) -> bool:
    """Does the sentence revise a toll ("raised the toll to 29", "first put the toll at 19; ...
    24 had died")? Not when the rise is only expected ("the toll was expected to rise to 50",
    "could climb"), nor when "first" qualifies the last figure itself ("at first said close to
    50 had died"): that is the early count a later one superseded."""
    lemmas, updating = doccache.lower_lemmas(sent.doc), vocab.words("toll_update_words")
    cues = [sent.doc[i] for i in range(sent.start, sent.end) if lemmas[i] in updating]
    ahead, modals = vocab.words("looking_ahead_verbs"), vocab.words("modal_verbs")
    for cue in cues:
        if any(a.lemma_.lower() in ahead for a in cue.ancestors) or any(
                c.lower_ in modals for c in cue.children if c.dep_ == "aux"):
            continue  # a forecast
        if cue.lemma_.lower() in vocab.words("early_count_words") and (cue.head == last or cue.head.is_ancestor(last)):
            continue  # the first figure, and the only one told
        return True
    return False


def later_tolls(sents: list[Span], told: set[int]) -> list[dict]:
    """Tolls told in sentences that report no event of their own ("One girl died of her
    injuries the next day"), for the incident told just before (incidents.attach_tolls);
    `told` holds the start of every sentence a trigger was found in: one whose trigger the
    checks set aside ("the group killed thousands in the name of ...", "dozens of comrades were
    killed by mines") tells other dead, not a later toll of the incident before it."""
    out = []
    for sent in sents:
        toll = toll_of(sent)
        # the attackers' own dead ("The attacker also died in the blast", "The attackers lost four
        # men in the gunfight") are the incident's even where the sentence names it again
        if toll is not None and (sent.start_char not in told or toll.theirs):
            out.append({"start": sent.start_char, "count": toll.count, "adds": toll.adds, "updates": toll.updates,
                        "attackers": toll.attackers, "whole": toll.whole})
    return out


def add_toll(row: dict, count: int | None, how: dict, told_at: int) -> None:
    """A later mention's dead (told in the sentence starting at `told_at`) on an event's row:
    the other side's or "also" are added ("the attackers lost four men"), a revised count
    replaces ("raised the toll to 29"); any other later figure may count only a part ("two
    policemen were among the dead"), so it only fills a toll the earlier mentions lacked (the
    toll the story leads with), unless both count the dead at large ("eight people perished",
    "at least 20 were killed"): sources differ, and the lowest credible figure is kept (not below
    a revision). A sentence already counted adds nothing again."""
    counted = row.setdefault("_tolls_from", {row["evidence"]["start"]})
    if count is None or told_at in counted and row.get("fatalities") is not None:
        return
    counted.add(told_at)
    if row.get("fatalities") is None:
        row["fatalities"] = count
    elif how.get("adds") and not (how.get("attackers") and (row.get("_toll") or {}).get("attackers")):
        row["fatalities"] += count  # not when the toll already counts the attackers ("kills 9 militiamen", then "killed nine militiamen")
    elif how.get("updates"):
        row["fatalities"] = count
        row["_toll_revised"] = True
    elif how.get("whole") and (row.get("_toll") or {}).get("whole") and count < row["fatalities"] and not row.get("_toll_revised"):
        row["fatalities"] = count


def _toll_holders(sent: Span, trigger: Token) -> list[Token]:
    """The killing nearest the trigger and its "dead" ("left 20 dead"): what a toll's phrases
    hang on; empty when the sentence tells no killing."""
    clauses = _clauses(sent)
    if not clauses:
        return []
    killing = _nearest(clauses, trigger)[0]
    return [killing, *(c for c in killing.children if c.lower_ == "dead")]


def several_attacks(sent: Span, trigger: Token) -> str | None:
    """Is the toll nearest the trigger a total over several attacks, not one event's? "spread"
    when the attacks are spread over places or occasions ("multiple attacks", "a wave of
    attacks", "bombings kill 15 in and around Baghdad", "attacks, shelling across Iraq");
    "plural" for a bare uncounted plural ("attacks kill 25"), a total only where the event's
    place is a whole region or country; None for one attack, a counted or paired one ("twin
    bombings", "two blasts"), or strikes and clashes (one area's in a day are one event)."""
    holders = _toll_holders(sent, trigger)
    if not holders:
        return None
    killing = holders[0]
    preps = [c for h in holders for c in h.children if c.dep_ in ("prep", "agent")]
    preps += [c for p in preps for c in p.children if c.dep_ == "conj"]  # "in and around Baghdad"
    causes = [c for c in killing.children if c.dep_ == "nsubj" and killing.tag_ != "VBN"]  # not "25 killed in attacks"
    if killing.dep_ == "acl" and killing.head.dep_ == "dobj":  # "attacks leave 19 militants killed"
        causes += [c for c in killing.head.head.children if c.dep_ == "nsubj"]
    causes += [o for p in preps if p.lower_ in ("in", "by") for o in p.children if o.dep_ == "pobj"]
    spread_words = vocab.words("spread_cues")
    listed = [part for cause in causes for part in _with_conjuncts(cause)]
    listed += [o for part in listed if part.lemma_.lower() in spread_words
               for p in part.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]  # "a wave of attacks"
    attacks = [part for part in listed if part.tag_ == "NNS" and part.lemma_.lower() in vocab.words("separate_attack_nouns")]
    if not attacks:
        return None
    spread = any(p.lower_ in spread_words for p in preps) or any(
        t.lower_ in spread_words for part in listed for t in part.subtree)
    kinds = {part.lemma_.lower() for part in listed} & vocab.words("violent_cause_nouns")
    if spread or len(kinds) > 1:
        return "spread"  # several kinds of attack ("suicide bombings, mortar fire") are several events
    occasion = vocab.words("one_occasion_modifiers")
    if any(c.dep_ == "nummod" or c.lower_ in occasion for a in attacks for c in a.children):
        return None
    return "plural"


@lru_cache(maxsize=1)
def _days_pattern() -> re.Pattern:
    """The days-tally phrases as one pattern ('#' a count, 'UNIT' a day or a week)."""
    counts = sorted([*vocab.mapping("number_words"), "a", "few", "several"], key=len, reverse=True)
    count = r"(?:\d[\d,]*|" + "|".join(re.escape(w) for w in counts) + ")"
    unit = "(?:" + "|".join(re.escape(u) for u in vocab.words("short_time_units")) + ")"
    phrases = sorted(vocab.words("days_total_phrases"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace("\\#", count).replace("UNIT", unit).replace("\\ ", " ") for p in phrases)
    return re.compile(rf"^(?:{alternatives})\b", re.IGNORECASE)


def tally_over_days(sent: Span, trigger: Token) -> bool:
    """Is the toll nearest the trigger counted over days or weeks ("IS kills 3 village chiefs
    in a week", "142 civilians killed in six days", "kill 45 since the town's liberation")?
    Read on the killing's own prepositional phrases (not "the deadliest since 2014")."""
    holders = _toll_holders(sent, trigger)
    pattern = _days_pattern()
    return any(pattern.match(" ".join(t.lower_ for t in p.subtree)) for h in holders for p in h.children if p.dep_ == "prep")


def tally_of_several(sent: Span, trigger: Token, broad_place: bool) -> bool:
    """Is the toll nearest the trigger a tally of several events: attacks spread over places,
    a bare plural of attacks told of a region or a country (`broad_place`), or days?"""
    several = several_attacks(sent, trigger)
    return several == "spread" or (several == "plural" and broad_place) or tally_over_days(sent, trigger)
