"""Tuning constants: the numbers dateline chose rather than was given, in one place.

Each value has a line on why it has that value. Sections are headed by the part of
dateline that reads them. Words are not settings: they are vocabulary (`dateline.vocab`,
`data/<lang>/`). Changing a value here changes extraction output: measure it first
(`dateline eval` before and after, see HELPERS.md / DEVELOPERS.md).
"""

from __future__ import annotations

# --- events ------------------------------------------------------------------------------

# Confidence of a coded event: a base for a trigger found, plus what corroborates it.
# Hand-set, not fitted: the order of the weights is what matters (a side named and a place
# in the sentence say more than a date), and 0.99 keeps certainty for hand-checked rows.
CONFIDENCE_BASE = 0.35  # a trigger word alone is about as often wrong as right
CONFIDENCE_SPECIFIC = 0.2  # a specific trigger (priority >= SPECIFIC_PRIORITY) is rarely a false alarm
SPECIFIC_PRIORITY = 70  # captures, air strikes, bombs ...; generic words (attack, fighting) sit below
CONFIDENCE_ACTOR1 = 0.15  # the acting side named
CONFIDENCE_ACTOR2 = 0.05  # the other side named: often implied, so it says less
CONFIDENCE_PLACE = 0.15  # a place in the event's own sentence
CONFIDENCE_DATED = 0.1  # a time phrase of the event's own clause
CONFIDENCE_MAX = 0.99

# A trigger table row without a priority: between the generic (30-40) and specific (70+) ones.
DEFAULT_TRIGGER_PRIORITY = 50

# An all-capitals line this short is a subhead ("ISLAMIC STATE ATTACKS"), not a report.
SUBHEAD_MAX_TOKENS = 12

# A time phrase spanning more than a year ("from 2014 to 2017") makes a sentence a tally.
TALLY_MIN_DAYS = 366

# An arrest of this many people at once is a mass arrest, political in a conflict whatever
# its stated reason ("detained 70 people for occupying roads").
MASS_ARREST_MIN = 20

# A toll this high, told in the perfect ("has killed 1,200") with no day of its own, is a
# total over a period, not one event's.
PERIOD_TOTAL_MIN_DEAD = 1000

# A toll told over this many countries at once is a regional total, not one event.
REGIONAL_TOTAL_MIN_COUNTRIES = 3

# "near"/"outside" before a place name: looked for this many characters back, in the
# last NEAR_LOOKBACK_WORDS words ("on the outskirts of", "north of the town of").
NEAR_LOOKBACK_CHARS = 25
# how far after a named place a reference point may start and still locate it ('Qaim, 300 km west of Baghdad')
REFERENCE_POINT_REACH_CHARS = 40
NEAR_LOOKBACK_WORDS = 3

# A doubt voiced in the next sentence counts only when that sentence is short: wire copy
# qualifies a claim in a line ("Reuters could not verify the account").
DOUBT_SENTENCE_MAX_TOKENS = 40

# A quote speaks for a sentence when it covers this share of the shorter of the two.
QUOTE_COVER_SHARE = 0.3

# An article's focus place: a place named at least this often (or the only one named).
FOCUS_PLACE_MIN_MENTIONS = 2

# The lead's own day dates undated events when it is this recent against publication:
# older days in a lead are yardsticks ("the deadliest since Sept. 11, 2001").
LEAD_DAY_MAX_AGE_DAYS = 31

# With no publication day, the latest month the story talks about dates it when that month
# is this close to the publication window (a month's account published the month after).
STORY_MONTH_MAX_AGE_DAYS = 62

# A document of this many sentences or fewer is a headline or a one-line report, where the
# simple present tells news ("IS suicide bomber kills 36"), not habits.
HEADLINE_MAX_SENTENCES = 2
# A paragraph of one line this long at most, with no full stop, is a headline wherever it stands.
HEADLINE_LINE_MAX_TOKENS = 20
# A headline's last words after a dash or colon are its source ("- police, hospital sources") up to this many tokens.
HEADLINE_CREDIT_MAX_TOKENS = 5

# Mentions of one event (in one article or across articles): places this close are one place (ACLED geocodes
# to the nearest town; 25 km is about a district), days this far apart one day (reports
# straddle midnight and time zones), weeks one week.
SAME_PLACE_KM = 25.0
SAME_DAY_SLACK_DAYS = 1
SAME_WEEK_SLACK_DAYS = 7

# A story that leads with an occurrence it does not date (coded on the story's day) and gives
# its day further down ("the attack at the airport on Tuesday"): a day this close before the
# story's is that occurrence's day (news reports what happened in the last day or three).
UNDATED_LEAD_MAX_DAYS = 3

# An undated mention and a dated one that count the same dead at the same place are one occurrence
# however far apart the day ("after IS killed 130 people in Paris" ... "killed 130 people in Paris on
# Nov. 13"); from this many dead a toll is distinctive enough to tell it (two or three dead recur).
SAME_TOLL_MIN_DEAD = 5

# The learned event classifier (events/classifier.py) as a veto: a coded event whose sentence
# it gives at least this probability of reporting no event is dropped. Chosen on news2016's
# even half and GeoVirus half A (data/event_classifier/README.md): 0.6 gave the best event F1
# on the even half (0.5 and 0.7 lower) and left 8 of half A's 31 rows, mostly its real
# fighting and riots; 0.5 starts cutting true events of ordinary war reporting.
EVENT_VETO_NONE_PROBABILITY = 0.6

# A toll told in a sentence of its own ("Officials said later that seven had died") belongs to
# the incident told just before it: within about two sentences of its last mention; further
# on, a figure is more likely a tally of the war than that incident's dead.
LATER_TOLL_MAX_CHARS = 300

# "said in a television interview with Reuters in Riyadh": how many steps up the parse from a
# place the coder looks for the saying it is the place of (prepositions and their objects).
SAID_AT_MAX_STEPS = 6
# how far up from a trigger a clause told as "days after" another is looked for
SOME_TIME_BEFORE_MAX_STEPS = 4

# --- language layer (spaCy components; their factories take these as default_config) -----

# A text this short (in characters), with no blank line, is read as a headline or a one-line
# report: the only texts whose single-quoted scare words are merged (norms). Longer texts keep
# their quote marks as tokens for the quote finder.
HEADLINE_CHARS = 300

# A headline line is read as Title Case (title_case) when this share of its content words start
# with a capital: agency headlines capitalise all of them, a sentence only its names.
TITLE_CASE_SHARE = 0.8
# In a Title Case headline, a word the English dictionary knows only as a noun keeps its capital
# when the gazetteer has a place of at least this many people by that name ("Mosul", not "Battle").
TITLE_CASE_PLACE_POPULATION = 100_000

# Evidence a gazetteer hit needs to be called a place (places): the NER's GPE (2.0) and one cue
# word (1.0) are enough; a bare capitalised word that happens to be a village is not.
PLACE_ACCEPT = 3.0

# "the group" refers back to the last group named at most this many characters earlier
# (actors): about three paragraphs of wire copy.
ANTECEDENT_WINDOW = 1500

# Words read before a head noun for its owner and sponsors (actors): "U.S.-backed Iraqi
# government forces" and a little more, not the rest of the sentence.
MAX_MODIFIER_WORDS = 6

# A quotation of this many words or fewer is a short quote ("caliphate") that must have a
# reporting verb right next to it to count as said by anyone (quotes).
SHORT_QUOTE_WORDS = 3

# How far a time expression may reach before and after its trigger word (chrono): "between
# March 10 and the declared victory on March 23" (before), "over the last two days" (after).
TIME_REACH_BEFORE = 40
TIME_REACH_AFTER = 70

# Spans of time up to two weeks are ACLED time precision 2; longer ones are a month's worth.
SHORT_SPAN_DAYS = 13


# --- reader (publication dates, story versions) ------------------------------------------

# How far after a fresh (non-file) photo a story may run: wire pictures are sent the day
# they are taken and the story within days of them.
FRESH_PHOTO_DAYS = 6

# A window this wide or narrower is a week: the weekday a story names ("on Monday") then fixes its day.
WEEKDAY_FIT_DAYS = 7

# How far (in words) from a time expression its occurrence word and its content words may lie
# ("recaptured Mosul in July"): a clause's reach in wire copy.
ANCHOR_BIND_TOKENS = 8
ANCHOR_CONTEXT_TOKENS = 8

# A window solved from an event dated elsewhere that is wider than this says too little to keep.
MAX_ANCHOR_WINDOW_DAYS = 400

# Widest era (in years, inclusive) in which a month, day and weekday name one day: the 7-year
# weekday cycle must not repeat inside it, and an input rarely spans more.
WEEKDAY_ERA_YEARS = 4

# Versions of one story: MinHash with this many permutations over shingles of this many words
# (the usual size for near-duplicate news), LSH proposing pairs above a low Jaccard, and a pair
# kept when the shorter text is this much contained in the longer.
STORY_NUM_PERM = 128
STORY_SHINGLE_WORDS = 4
STORY_LSH_THRESHOLD = 0.2
STORY_MIN_CONTAINMENT = 0.4
# Short texts (one-line reports) differ in a date or a number between distinct events;
# only near-identical ones (by Jaccard) are versions.
STORY_SHORT_TEXT_SHINGLES = 40
STORY_SHORT_TEXT_JACCARD = 0.9
# Templated daily releases share more text than versions do (containment 0.7 against 0.55,
# measured), so reports of different days are versions only when one is almost wholly inside
# the other (a re-run of the same copy).
STORY_OTHER_DAY_CONTAINMENT = 0.9
