"""Who acted and who was acted on: agent and patient of a trigger, from the parse.

Verbs: the subject acts and the object undergoes ("Iraqi forces recaptured Mosul");
in the passive the by-phrase acts ("killed by mines planted by IS"). Nouns: a by-phrase
or a modifier acts ("coalition air strikes", "bombardment by U.S.-backed forces"), an
against/on-phrase undergoes; otherwise the verb that governs the noun lends its
subject ("the SDF carried out strikes"), except verbs of undergoing ("the SDF faced
car bombs", "came under fire") whose subject is the patient.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from .context import ArticleContext, is_armed
from .grammar import _child, _is_passive, _prep_object, _subject, alleged_act, by_object, harmed_in, headline_passive, headline_passive_subject  # noqa: F401 (re-exported)
from .state_forces import STATE_ROLE_WORDS, _forces_of_country, _military_of, mutineers, names_where_bombed, post_holder, role_side, state_of_modifier, state_subject  # noqa: F401 (re-exported)

UNNAMED_SIDE = {"canonical": None, "type": "unidentified", "text": "", "start": -1, "end": -1}


def unnamed_side(tok: Token | None) -> dict | None:
    """A stand-in side for an armed noun with no name; the coder calls it an unidentified armed group."""
    if tok is None:
        return None
    unnamed = vocab.words("unnamed_armed")
    if tok.lemma_.lower() in unnamed or tok.lower_ in unnamed:
        return UNNAMED_SIDE
    return None


def _same(a: dict, b: dict) -> bool:
    return a.get("canonical") == b.get("canonical") and a.get("role") == b.get("role")


def object_under_dead(verb: Token) -> Token | None:
    """The victim of "shot dead a police officer", which the small model hangs on "dead" as on a
    preposition (the verb then has no object)."""
    dead = next((c for c in verb.children if c.lower_ == "dead" and c.dep_ in ("prep", "oprd", "advmod")), None)
    return _child(dead, {"pobj", "dobj"}) if dead is not None else None


def _between(trigger: Token, ctx: ArticleContext) -> tuple[Token | None, Token | None]:
    """The two sides of "fighting between government troops and rebels", "clashes between the RSF
    and the army": the first named acts, the second is met (ACLED lists a clash's sides in the
    order the report gives them); "between rival army factions" has that kind on both sides.
    Nothing unless one names a side (the other may be named later, in the article's country)."""
    first = _prep_object(trigger, {"between"})
    if first is None:
        return None, None
    second = next((c for c in first.children if c.dep_ == "conj"), None)
    if second is None and any(c.dep_ == "amod" and c.lemma_.lower() in vocab.words("rival_modifiers") for c in first.children):
        second = first  # "between rival army factions": both sides are of one kind
    def side(tok: Token) -> bool:
        return bool(ctx.actor_of(tok) or _forces_of_country(tok) or unnamed_side(tok)
                    or (second is first and _party_noun(tok)))  # "between rival militias"
    if second is None or second.pos_ not in ("NOUN", "PROPN") or not (side(first) or side(second)):
        return None, None
    return first, second


def _object_naming_a_side(verb: Token, ctx: ArticleContext) -> Token | None:
    """What a verb acts on: its object, unless only a prepositional object names a side
    ("recaptured the district of Hays from the Houthis": the Houthis)."""
    obj = _child(verb, {"dobj", "obj"})
    obj = obj if obj is not None else object_under_dead(verb)
    via = _prep_object(verb, vocab.words("patient_prepositions"))
    if obj is not None and via is not None and ctx.actor_of(obj) is None and post_holder(obj) is None \
            and ctx.actor_of(via) is not None:
        return via
    return obj or via


def _acting_side(tok: Token | None, ctx: ArticleContext) -> dict | None:
    """The side a subject names. An act or a weapon as subject ("a car bombing that targeted a
    police bus killed 11") names its maker only in its own modifiers ("an IS car bomb", "Russian
    shelling"), not in what it hit."""
    if tok is None:
        return None
    if tok.i not in ctx.actor_at and tok.lemma_.lower() in vocab.words("event_head_nouns") | vocab.words("weapon_nouns"):
        return _attacker_of(tok, ctx, None)
    return ctx.actor_of(tok)


def _hit_side(side: dict | None) -> bool:
    return side is not None and (is_armed(side) or side.get("type") == "civilians")


def _repelled(trigger: Token) -> bool:
    """'repelled', 'thwarted', 'fought off', 'beat back': the subject beat off an attack."""
    lemma = trigger.lemma_.lower()
    if lemma not in vocab.words("repel_verbs"):
        return False
    needs_particle = lemma in vocab.words("repel_particle_verbs")
    return not needs_particle or any(c.dep_ == "prt" and c.lower_ in vocab.words("repel_particles") for c in trigger.children)


def repelled_attack(trigger: Token) -> bool:
    """An attack noun beaten off: 'forces foiled an IS attack', 'repelled an assault', and in the
    passive 'the assault was repelled by Kenyan troops', 'Boko Haram attack repelled by troops'."""
    return _repelling_verb(trigger) is not None


def _repelling_verb(attack: Token) -> Token | None:
    if attack.pos_ != "NOUN":
        return None
    if attack.dep_ in ("dobj", "nsubjpass") and _repelled(attack.head):
        return attack.head
    if attack.dep_ == "nsubj" and _repelled(attack.head) and by_object(attack.head) is not None:
        return attack.head  # "Taliban attack on Kunduz repulsed by Afghan forces": a headline's passive read as active
    return next((c for c in attack.children if c.dep_ == "acl" and c.tag_ == "VBN" and _repelled(c)), None)


def _defender_of(verb: Token) -> Token | None:
    """Who beat the attack off: the by-phrase of a passive repelling verb, else its subject."""
    return by_object(verb) or (None if verb.dep_ == "acl" or _is_passive(verb) else _subject(verb))


def _attacker_of(attack: Token, ctx: ArticleContext, defender: dict | None) -> dict | None:
    """Who made the attack a noun names: 'an attack by IS cells', 'a Russian assault', 'a Boko
    Haram raid', 'their attack' (a side other than the one that beat it off)."""
    by = _prep_object(attack, {"by"})
    if by is not None and ctx.actor_of(by) is not None:
        return ctx.actor_of(by)
    for child in attack.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss"):
            if child.i in ctx.actor_at:
                return ctx.actor_at[child.i]
            for tok in child.subtree:
                if tok.i in ctx.actor_at:
                    return ctx.actor_at[tok.i]
            if child.dep_ == "poss" and child.lower_ in ("their", "its", "his"):
                exclude = defender.get("canonical") if defender else None
                return ctx.previous_actor(child.idx, exclude=exclude)
            side = state_of_modifier(child)
            if side is not None:
                return side
    return None


def _maker_of_attack_harmed_in(verb: Token, ctx: ArticleContext) -> dict | None:
    """The armed side that made the attack people were hurt in: "five Iraqis (were) killed in a
    suspected IS attack", "soldiers wounded during a Taliban ambush"."""
    preps = vocab.words("concurrent_prepositions") | {"in"}
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in vocab.words("event_head_nouns"):
                    side = _attacker_of(obj, ctx, None)
                    if side is not None and is_armed(side):
                        return side
    return None


def _target_of(noun: Token) -> Token | None:
    """What an event noun hit through a verb of hitting: 'a car bomb targeted a police bus',
    'a bombing that hit an army convoy', 'rockets struck a base hosting U.S. troops'; or
    where a weapon went off, 'at a police station' (a side only if one is named there)."""
    targets = vocab.words("target_verbs")
    verbs = [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in targets]
    if noun.dep_ in ("nsubj",) and noun.head.lemma_.lower() in targets and not _is_passive(noun.head):
        verbs.append(noun.head)
    for verb in verbs:
        obj = _child(verb, {"dobj", "obj"}) or _prep_object(verb, vocab.words("patient_prepositions") | {"into", "through"})
        if obj is not None:
            return obj
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        # "hurled grenades at a military base", "fired rockets at army positions"
        preps = (vocab.words("patient_prepositions") - {"from"}) | {"into"}
        # "dropped grenades filled with chloropicrin on Ukrainian trenches": the parser hangs the
        # target on the weapon's participle
        for head in (noun.head, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")):
            obj = _prep_object(head, preps)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):  # not "on Monday"
                return obj
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in vocab.words("weapon_subject_verbs"):
        # "a grenade exploded at the entrance of a police station"
        return _prep_object(noun.head, vocab.words("site_prepositions"))
    return None


def _tripped(trigger: Token, verb: Token) -> bool:
    """'their convoy struck an explosive device', 'a soldier stepped on a mine': whoever meets a
    planted bomb is hit by it (not 'drove a car bomb into the gate', an attack on the gate)."""
    if trigger.lemma_.lower() not in vocab.words("bomb_words") or verb.lemma_.lower() not in vocab.words("tripping_verbs"):
        return False
    met = (trigger.dep_ == "dobj" and trigger.head.i == verb.i) or (
        trigger.dep_ == "pobj" and trigger.head.lower_ in ("on", "onto", "over", "upon") and trigger.head.head.i == verb.i)
    aimed = any(c.dep_ == "prep" and c.lower_ in ("into", "toward", "towards") for c in verb.children)
    return met and not aimed


def _blamed_on(trigger: Token, verb: Token) -> bool:
    """'the rise was attributed to a U.S. air strike', 'the deaths were blamed on shelling': the
    passive's subject is what the act is blamed for, not whom it hit."""
    return (verb.lemma_.lower() in vocab.words("blame_verbs") and trigger.dep_ == "pobj"
            and trigger.head.lower_ in vocab.words("blamed_on_prepositions") | {"to"})


def _opponent_in_circumstance(trigger: Token, ctx: ArticleContext) -> Token | None:
    """The side fought in the clause an act came out of: 'captured the town after clashing with
    federal forces', 'regained a road after making advances against IS fighters', 'retook the
    town following clashes with JNIM'. Only a phrase that names a side counts."""
    opponents = vocab.words("opponent_prepositions")
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in vocab.words("circumstance_prepositions"):
            continue
        for head in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            # the fighting itself ("clashes with"), or what a light verb carries ("making advances against")
            for fight in [head] + [c for c in head.children if c.dep_ in ("dobj", "obj")]:
                obj = _prep_object(fight, opponents)
                if obj is not None and (ctx.actor_of(obj) or _forces_of_country(obj)):
                    return obj
    # the side whose leaving let the act happen: "seized the town after government troops
    # abandoned their positions"
    leaving = {cue.split()[0] for cue in vocab.words("departure_cues")}
    for clause in trigger.children:
        if clause.dep_ == "advcl" and clause.lemma_.lower() in leaving and any(
                m.dep_ == "mark" and m.lower_ in vocab.words("circumstance_prepositions") for m in clause.children):
            subj = _child(clause, {"nsubj"})
            if subj is not None and (ctx.actor_of(subj) or _forces_of_country(subj)):
                return subj
    return None


def hit_civilian_site(trigger: Token) -> bool:
    """Did the act hit a place of civilian life: 'a market bombing', 'an air strike on a hospital',
    'bombed a village', 'a blast at a mosque', 'strikes that hit a school'?"""
    sites = vocab.words("civilian_site_nouns")
    preps = vocab.words("site_prepositions") | {"on", "against", "in"}
    hit: list[Token] = [ch for ch in trigger.children if ch.dep_ in ("compound", "nmod", "dobj")]
    hit += [o for o in (_prep_object(trigger, preps), _target_of(trigger) if trigger.pos_ == "NOUN" else None,
                        # "a bomb exploded in a market"
                        _prep_object(trigger.head, preps) if trigger.dep_ == "nsubj" else None) if o is not None]
    # not a site inside the forces' own ground ("a mosque in a military camp")
    return any((t.lemma_.lower() in sites or t.lower_ in sites)
               and not any(w.lemma_.lower() in STATE_ROLE_WORDS for w in t.subtree) for t in hit)


def resolve_pronoun(tok: Token | None, ctx: ArticleContext, speaker_actor: dict | None) -> dict | None:
    """Actor for a pronoun: the speaker of a reported clause, else the last armed actor named."""
    if tok is None or tok.lower_ not in vocab.words("side_pronouns"):
        return None
    if speaker_actor is not None and tok.lower_ in ("it", "they", "we", "its", "their"):
        return speaker_actor
    if ctx.last_actor1 is not None and ctx.last_actor1["start"] < tok.idx and tok.lower_ in ("they", "it", "we"):
        return ctx.last_actor1  # the side the story was just telling about
    # "police said a bomber ... when he blew himself up": he is whom the speaker tells of
    exclude = speaker_actor.get("canonical") if speaker_actor is not None and tok.lower_ in ("he", "she") else None
    return ctx.previous_actor(tok.idx, exclude=exclude)


def loyal_to_the_state(tok: Token | None) -> dict | None:
    """'Forces loyal to Libya's unity government', 'troops loyal to the regime': the state's
    military, named for the event's country (not 'fighters loyal to Haftar')."""
    if tok is None or tok.lemma_.lower() not in vocab.words("force_nouns"):
        return None
    loyal = next((c for c in tok.children if c.dep_ == "amod" and c.lemma_.lower() == "loyal"), None)
    owner = _prep_object(loyal, {"to"}) if loyal is not None else None
    # a cue inside an armed group's name is no state ("fighters loyal to Islamic State")
    if owner is None or not any(t.lemma_.lower() in vocab.words("state_cues") and t.ent_type_ != "ARMED_GROUP" for t in owner.subtree):
        return None
    return role_side("military", tok)


def _units_of_pronoun(tok: Token | None, ctx: ArticleContext, speaker_actor: dict | None) -> dict | None:
    """"the army said its units had reoccupied the town": the units are the side 'its' stands for."""
    if tok is None or tok.lemma_.lower() not in vocab.words("armed_units"):
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    return resolve_pronoun(poss, ctx, speaker_actor) if poss is not None else None


def agent_and_patient(trigger: Token, ctx: ArticleContext, speaker_actor: dict | None) -> tuple[dict | None, dict | None, bool]:
    """(agent actor, patient actor, patient_is_subject_of_undergo)."""
    agent_tok = patient_tok = None
    modifier_side = attacker = None
    hung_on = False  # the patient is the noun the trigger's clause hangs on ("Iraqis killed in ...")
    undergo = False
    is_verb = trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB")
    if is_verb and trigger.tag_ == "VBG" and any(c.dep_ in ("amod", "det", "poss", "compound") for c in trigger.children):
        is_verb = False  # "Ukrainian shelling of Belgorod", "army shelling of Douma": a gerund with a modifier is a noun
    if is_verb:
        # The parser reads "IS forced them" as "is forced": an auxiliary that is an
        # actor's name is the subject of an active verb.
        if headline_passive(trigger):
            # "25 Iraq fighters killed ...": a headline's passive without "were"
            patient_tok = headline_passive_subject(trigger)
            agent_tok = by_object(trigger)
            agent = ctx.actor_of(agent_tok) or (_maker_of_attack_harmed_in(trigger, ctx) if agent_tok is None else None)
            patient = ctx.actor_of(patient_tok) or _forces_of_country(patient_tok) or unnamed_side(patient_tok)
            return agent, patient, False
        named_aux = next((c for c in trigger.children if c.dep_ in ("auxpass", "aux") and c.i in ctx.actor_at), None)
        if named_aux is not None and named_aux.i + 1 < len(trigger.doc) and trigger.doc[named_aux.i + 1].lower_ in ("’s", "'s"):
            # "IS's declared defeat": a possessive, so the named side undergoes the noun
            return None, ctx.actor_at[named_aux.i], False
        passive = _is_passive(trigger) and named_aux is None
        beaten_off = next((t for t in (_child(trigger, {"nsubjpass", "nsubj"}), trigger.head) if t is not None
                           and t.i != trigger.i and getattr(_repelling_verb(t), "i", None) == trigger.i), None) if _repelled(trigger) else None
        if _repelled(trigger) and (not passive or beaten_off is not None) and (beaten_off is None or by_object(trigger) is not None):
            # "troops repelled an IS attack on the base", "an IS attack was repelled by troops": the
            # attacker acts, the defenders are hit
            attack = beaten_off if beaten_off is not None else _child(trigger, {"dobj", "obj"})
            defender_tok = _defender_of(trigger)
            defender = ctx.actor_of(defender_tok) or resolve_pronoun(defender_tok, ctx, speaker_actor) \
                or _forces_of_country(defender_tok) or unnamed_side(defender_tok)
            attacker = _attacker_of(attack, ctx, defender) if attack is not None else None
            if attacker is not None and defender is not None and _same(attacker, defender):
                defender = None
            return attacker, defender, False
        if named_aux is not None:
            agent_tok = named_aux
            patient_tok = _object_naming_a_side(trigger, ctx)
        elif passive:
            patient_tok = _child(trigger, {"nsubjpass"})
            agent_tok = by_object(trigger)
            if patient_tok is None and trigger.dep_ in ("acl", "relcl"):
                patient_tok = trigger.head
                hung_on = True
            if agent_tok is None:
                attacker = _maker_of_attack_harmed_in(trigger, ctx)
        else:
            agent_tok = _subject(trigger)
            if agent_tok is None and alleged_act(trigger):  # "X are accused of abusing", "accuses X of executing"
                agent_tok = _child(trigger.head.head, {"nsubjpass", "dobj"})
            patient_tok = _object_naming_a_side(trigger, ctx)
            if trigger.lemma_.lower() in vocab.words("battle_nouns") and (patient_tok is None or ctx.actor_of(patient_tok) is None):
                # "clashed with police", "fought against Somali troops": the side fought
                fought = _prep_object(trigger, vocab.words("opponent_prepositions"))
                if fought is not None and (ctx.actor_of(fought) or _forces_of_country(fought)):
                    patient_tok = fought
            if agent_tok is None and patient_tok is None:
                agent_tok, patient_tok = _between(trigger, ctx)  # "Fighting between X and Y killed ..."
    else:
        agent_tok = _prep_object(trigger, {"by"})
        # "sniper fire from government areas": "from" says where the fire came from; it names the
        # side that lost only after what was taken ("the recapture of Palmyra from IS")
        patient_tok = _prep_object(trigger, (vocab.words("patient_prepositions") - {"from"}) | {"of"})
        taken_from = _prep_object(trigger, {"from"}) if _prep_object(trigger, {"of"}) is not None else None
        if taken_from is not None and ctx.actor_of(taken_from) is not None \
                and (patient_tok is None or ctx.actor_of(patient_tok) is None):
            patient_tok = taken_from
        fought = _prep_object(trigger, {"with"})
        if fought is not None and _hit_side(ctx.actor_of(fought)) and is_armed(ctx.actor_of(fought)):
            if harmed_in(trigger):
                agent_tok = agent_tok or fought  # "the rest killed in clashes with troops": the troops fought the dead
            elif patient_tok is None:
                patient_tok = fought  # "clashes with al-Shabaab", "battles with the Taliban": the other side
        if agent_tok is None and (patient_tok is None or ctx.actor_of(patient_tok) is None):
            # "fighting between X and Y on the outskirts of Taiz": the outskirts are where, not whom
            first, second = _between(trigger, ctx)
            if first is not None:
                agent_tok, patient_tok = first, second
        modifier_side = None
        if agent_tok is None:
            # "a bombing carried out by HTS", "strikes launched by the coalition"
            # (also on the phrase's head: "artillery shells fired by the RSF", "mortar rounds fired by ...")
            phrase = [trigger] + ([trigger.head] if trigger.dep_ == "compound" and trigger.head.pos_ in ("NOUN", "PROPN") else [])
            # and one bomb's maker: "a mine laid by ELN guerrillas", "a bomb planted by IS" (not
            # "mines planted by IS": a way of war, not one blast)
            carriers = vocab.words("light_verbs") | (vocab.words("planting_verbs") if trigger.tag_ != "NNS" else set())
            carried = next((ch for t in phrase for ch in t.children
                            if ch.dep_ == "acl" and ch.lemma_.lower() in carriers), None)
            agent_tok = by_object(carried)
        if agent_tok is None:
            # "IS suicide bomber", "Taliban car bomb": a side named inside the trigger's phrase
            for tok in trigger.doc[trigger.left_edge.i : trigger.i]:
                if ctx.actor_at.get(tok.i) is not None and tok.dep_ in ("compound", "amod", "nmod", "poss"):
                    agent_tok = tok
                    break
        if agent_tok is None:
            for child in trigger.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and ctx.actor_of(child) is not None:
                    agent_tok = child
                    break
                if child.dep_ in ("compound", "amod", "nmod") and modifier_side is None \
                        and not names_where_bombed(child, trigger, ctx):
                    modifier_side = state_of_modifier(child)
        if patient_tok is None:
            target = _target_of(trigger)
            # what the attack hit names a side only if an armed side or civilians are there ("a
            # minibus carrying government employees" names no side; "a base hosting U.S. troops" does)
            if target is not None and (post_holder(target) or _hit_side(ctx.actor_of(target))):
                patient_tok = target
        if patient_tok is not None and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in vocab.words("blame_verbs") \
                and patient_tok.head.lower_ in vocab.words("blamed_on_prepositions") \
                and is_armed(ctx.actor_of(patient_tok) or {}):
            patient_tok = None  # "blamed the attack on IPOB": the side blamed, not the side hit
        head = trigger.head
        if repelled_attack(trigger) and (patient_tok is None or ctx.actor_of(patient_tok) is None):
            # "militias thwarted an IS attack on Mosul": the attack's makers act, the subject was attacked
            patient_tok = _defender_of(_repelling_verb(trigger))
        # Climb through prepositions and conjunctions to the governing verb.
        while head.dep_ in ("prep", "pobj", "conj", "appos", "dobj", "compound") and head.head.i != head.i and not head.pos_ == "VERB":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i != trigger.i and headline_passive(head):
            # "Policeman killed in ambush": the headline's subject was hit, not the ambusher
            if patient_tok is None:
                patient_tok = headline_passive_subject(head)
        elif head.pos_ in ("VERB", "AUX") and head.i != trigger.i and _is_passive(head) and not _blamed_on(trigger, head):
            # "civilians held as human shields by Daesh"
            by = _child(head, {"agent"})
            if agent_tok is None and by is not None:
                agent_tok = _child(by, {"pobj"})
            if patient_tok is None:
                patient_tok = _child(head, {"nsubjpass"}) or (head.head if head.dep_ in ("acl", "relcl") else None)
        elif head.pos_ in ("VERB", "AUX") and head.i != trigger.i and agent_tok is None and any(
            c.dep_ in ("aux", "auxpass") and c.i in ctx.actor_at for c in head.children
        ) and trigger.dep_ == "nsubj":
            # "IS suicide bomber kills 36": the parser read IS as "is"
            agent_tok = next(c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i in ctx.actor_at)
        elif head.pos_ in ("VERB", "AUX") and head.i != trigger.i:
            subj = _subject(head)
            if head.lemma_.lower() in vocab.words("undergo_verbs") or (head.lemma_.lower() == "come" and "under" in [c.lower_ for c in head.children]) \
                    or _tripped(trigger, head):
                if subj is not None and patient_tok is None:
                    patient_tok, undergo = subj, True
            elif agent_tok is None and trigger.dep_ == "pobj" and trigger.head.lower_ == "with" and trigger.head.head.i == head.i:
                # "fighters struck a checkpoint with a car bomb": who uses the weapon acts on the object
                agent_tok = subj
                patient_tok = patient_tok or _child(head, {"dobj", "obj"})
            elif agent_tok is None and (head.lemma_.lower() in vocab.words("light_verbs") or trigger.dep_ in ("dobj", "nsubj")):
                if trigger.dep_ == "nsubj":
                    pass  # "the attack killed eight": the attack is the subject, not an actor
                else:
                    agent_tok = subj
    agent = (
        # "forces loyal to Libya's unity government": the state's forces, not the government named
        loyal_to_the_state(agent_tok)
        or _acting_side(agent_tok, ctx)
        or attacker
        or resolve_pronoun(agent_tok, ctx, speaker_actor)
        or _units_of_pronoun(agent_tok, ctx, speaker_actor)
        or unnamed_side(agent_tok)
        or (modifier_side if not is_verb else None)
        # "a suicide bomber attacked a military post": the trigger names the attacker, unnamed
        or (unnamed_side(trigger) if not is_verb and patient_tok is not None else None)
    )
    # Object pronouns ("relieved it") mostly point at places and things, not sides.
    # the noun a participle hangs on is named by its own words, not by the participle's clause
    # ("Five Iraqis killed in an IS attack" names IS as the attacker, not among the dead)
    patient = ctx.actor_of(patient_tok, trigger if hung_on else None) or _forces_of_country(patient_tok) or post_holder(patient_tok) or (
        resolve_pronoun(patient_tok, ctx, None) if patient_tok is not None and patient_tok.lower_ in ("them", "they") else None
    ) or unnamed_side(patient_tok)  # "kills Kurdish fighters": an armed side, unnamed
    if _claimant_named(patient, trigger.doc):
        patient = None  # "a bomber kills 14 at a mosque in an IS-claimed attack": IS made it (responsibility.py)
    if patient is None and agent is not None and is_verb and not _is_passive(trigger):
        # a named side's active act only: in "the rest (were) killed in clashes with security
        # forces" the forces are who killed, not who was hit
        opponent = _opponent_in_circumstance(trigger, ctx)
        patient = ctx.actor_of(opponent) or _forces_of_country(opponent)
    pair = _paired_states(trigger, agent_tok, patient_tok, agent, patient)
    if pair is not None:
        return pair  # "Azerbaijani and Armenian forces clashed": each state's forces, in the order written
    rival = _rival_party(agent_tok, trigger, ctx) if patient is None or patient_tok is agent_tok else None
    if rival is not None:
        return rival, {**rival, "rival": True}, False  # "rival militias clashed": one kind on both sides
    if agent is not None and patient is not None and _same(agent, patient):
        patient = None
    return agent, patient, undergo


def _rival_party(agent_tok: Token | None, trigger: Token, ctx: ArticleContext) -> dict | None:
    """The one kind of side both parties of a fight are when the text calls them rivals ("rival
    militias clashed in Tripoli", "fighting between rival army factions", "warring clans fought"):
    the fight's doer, or an unnamed armed group for a party noun that names nobody."""
    if agent_tok is None or trigger.lemma_.lower() not in vocab.words("battle_nouns") \
            or _prep_object(trigger, {"with", "against"}) is not None:
        return None  # "rival militias clashed with police": the police are the other side
    if not any(c.dep_ == "amod" and c.lemma_.lower() in vocab.words("rival_modifiers") for c in agent_tok.children):
        return None
    side = ctx.actor_of(agent_tok) or _forces_of_country(agent_tok) or unnamed_side(agent_tok)
    return side if side is not None or not _party_noun(agent_tok) else UNNAMED_SIDE


def _claimant_named(side: dict | None, doc) -> bool:
    """Is `side` named only as the claimant of an act ("in an IS-claimed attack")? It made the act."""
    if side is None or side.get("start", -1) < 0:
        return False
    span = doc.char_span(side["start"], side["end"], alignment_mode="expand")
    root = span.root if span is not None else None
    return root is not None and root.head.lemma_.lower() == "claim" and root.i < root.head.i \
        and root.head.i >= 1 and doc[root.head.i - 1].text == "-"


def _paired_states(trigger: Token, agent_tok: Token | None, patient_tok: Token | None,
                   agent: dict | None, patient: dict | None) -> tuple[dict, dict, bool] | None:
    """The two sides of a fight or a truce between the forces of two states written as one noun
    ("Azerbaijani and Armenian forces clashed", "... exchanged fire", "a ceasefire between Armenian
    and Azerbaijani forces"): the first state's forces act, the second's are met."""
    fights, obj = vocab.words("battle_nouns") | vocab.words("truce_nouns"), _child(trigger, {"dobj"})
    if (trigger.lemma_.lower() not in fights and f"{trigger.lemma_} {obj.lemma_ if obj else ''}".lower() not in fights) \
            or _prep_object(trigger, {"with", "against"}) is not None:
        return None  # "Kenyan and Somali troops clashed with al-Shabaab": allies on one side
    tok = agent_tok if agent is not None or patient is None else patient_tok
    if tok is None or (agent is not None and patient is not None and not _same(agent, patient)):
        return None  # a side met is named apart
    pair = paired_modifier_states(tok)
    return (*pair, False) if pair else None


def paired_modifier_states(tok: Token) -> tuple[dict, dict] | None:
    """"Azerbaijani and Armenian forces": the forces of each state, in the order written."""
    for mod in tok.children:
        if mod.dep_ not in ("amod", "compound", "nmod"):
            continue
        other = next((c for c in mod.children if c.dep_ == "conj"), None)
        first, second = state_of_modifier(mod), state_of_modifier(other)
        if first is not None and second is not None and first["country"] != second["country"]:
            return first, second
    return None


def _party_noun(tok: Token) -> bool:
    party = vocab.words("party_nouns")
    return tok.lemma_.lower() in party or tok.lower_ in party
