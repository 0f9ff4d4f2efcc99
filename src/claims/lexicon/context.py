"""Context words that decide whether a number is a quantity at all.

Sources: numbering labels from the Chicago Manual of Style (17th ed.) §9.28-9.31 ("Chapter 4", "Figure 2",
"No. 5"); month and weekday names; street-type words from the USPS Publication 28 street suffix table
(common English subset) and Commonwealth usage (`St`, `Rd`, `Jalan`); English function words from the
spaCy English stop-word list, trimmed to closed-class words. Money and population cue nouns were chosen
from the report genres this project reads (policy reports, news on trade, aid and defence) and reviewed.
"""

from __future__ import annotations

# fmt: off
# (word lists laid out by hand, several words a line)
# A number right after one of these is a label, not a quantity ("Chapter 4", "Article 1(15)").
NUMBERING_WORDS: frozenset[str] = frozenset(
    {
        "chapter", "chapters", "section", "sections", "article", "articles", "figure", "fig", "fig.",
        "figures", "table", "tables", "page", "pages", "p.", "pp.", "part", "parts", "phase", "volume",
        "vol", "vol.", "no", "no.", "nos.", "number", "annex", "appendix", "item", "step", "level", "grade",
        "tier", "stage", "round", "session", "box", "chart", "exhibit", "paragraph", "para", "para.",
        "rule", "clause", "lecture", "slide", "resolution", "act", "version", "v", "v.", "issue", "edition",
        "ed.", "series", "case", "room", "floor", "flight", "route", "highway", "platform", "gate",
        "terminal", "pier", "berth", "sector", "zone", "district", "ward", "category", "class", "type",
        "model", "mk", "batch", "note", "notes", "footnote", "ref", "ref.", "reference", "question", "q",
        "exercise", "task", "lesson", "module", "week", "day", "year", "term", "quarter", "q1", "q2", "q3",
        "q4", "h1", "h2", "plus", "division", "squadron", "regiment", "battalion", "brigade", "corps",
        "protocol", "principle", "sdg", "vision", "industry", "web", "windows", "iphone", "galaxy", "boeing",
        "airbus", "apollo", "pillar", "tab", "col", "row", "cell", "isbn", "issn", "doi", "tel", "tel.",
        "fax", "phone", "st", "street", "rd", "road", "ave", "avenue", "jalan", "soi", "lane", "blvd",
        "boulevard", "hwy", "postcode", "zip", "po", "suite", "ste", "dimension", "programme", "program",
    }
)
# A number right before one of these is part of an address ("24 St 566").
STREET_WORDS: frozenset[str] = frozenset(
    {"st", "st.", "street", "rd", "rd.", "road", "ave", "ave.", "avenue", "blvd", "boulevard", "lane",
     "ln", "drive", "dr.", "way", "jalan", "soi", "moo", "floor", "fl", "fl."}
)

MONTHS: frozenset[str] = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr", "apr.", "jun", "jun.",
        "jul", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec",
        "dec.",
    }
)
WEEKDAYS: frozenset[str] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
# Words after a number that make it a time of day or a calendar reference.
TIME_WORDS: frozenset[str] = frozenset(
    {"am", "a.m.", "pm", "p.m.", "o'clock", "hrs.", "bc", "bce", "ad", "ce", "gmt", "utc", "jst"}
)

# Closed-class words that never head a counted noun phrase ("5 of the...", "12 were", "3 and").
FUNCTION_WORDS: frozenset[str] = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "of", "in", "on", "at", "by", "for", "from",
        "to", "with", "without", "into", "onto", "over", "under", "about", "above", "below", "between",
        "among", "through", "during", "before", "after", "since", "until", "till", "per", "via", "as",
        "than", "and", "or", "nor", "but", "so", "yet", "if", "then", "because", "while", "whereas",
        "although", "though", "when", "where", "which", "who", "whom", "whose", "what", "why", "how",
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
        "will", "would", "shall", "should", "can", "could", "may", "might", "must", "it", "its", "they",
        "them", "their", "he", "him", "his", "she", "her", "we", "us", "our", "you", "your", "i", "me",
        "my", "not", "no", "also", "only", "just", "even", "more", "most", "less", "least", "fewer",
        "each", "every", "all", "both", "either", "neither", "other", "another", "such", "very", "too",
        "there", "here", "up", "down", "out", "off", "again", "further", "once", "against", "within",
        "upon", "across", "along", "around", "toward", "towards", "behind", "beyond", "plus", "minus",
        "times", "percent", "cent", "ago", "later", "earlier", "respectively", "instead", "already",
        "still", "now", "today", "together", "alone", "apiece", "etc", "e.g", "i.e", "vs",
        "versus", "including", "excluding", "amid", "amongst", "whereby", "unlike", "like", "near",
        "onwards", "onward", "altogether", "overall", "annually", "yearly", "monthly", "daily",
        "weekly",
    }
)

# Nouns near an amount without a currency that make it money ("over 3.6 trillion in trade").
MONEY_CUES: frozenset[str] = frozenset(
    {
        "budget", "budgets", "fund", "funds", "funding", "funded", "gdp", "gnp", "trade", "investment",
        "investments", "invested", "fdi", "aid", "oda", "grant", "grants", "loan", "loans", "spending",
        "spent", "worth", "cost", "costs", "costing", "price", "prices", "revenue", "revenues", "export",
        "exports", "import", "imports", "economy", "valued", "value", "financing", "financed", "debt",
        "assistance", "expenditure", "expenditures", "deficit", "surplus", "sales", "profit", "profits",
        "income", "tax", "taxes", "capital", "paid", "payment", "payments", "pledged", "allocated",
        "contribution", "contributions", "donated", "yen", "dollar", "dollars", "usd", "jpy", "euro",
        "euros", "currency", "disbursed", "reparations", "swap", "swaps", "bond", "bonds", "tariff",
        "market", "flows", "financial",
    }
)
# Nouns that make a scaled amount without a noun a head-count ("670 million as of 2026" after "population").
POPULATION_CUES: frozenset[str] = frozenset(
    {"population", "people", "citizens", "inhabitants", "residents", "persons", "users", "voters",
     "workers", "consumers", "visitors", "tourists", "migrants", "refugees"}
)

# Title-case words that do not make a following number part of a name ("The 12 vessels").
TITLE_FUNCTION_WORDS: frozenset[str] = FUNCTION_WORDS | frozenset(
    {"some", "nearly", "approximately", "roughly", "almost", "total", "only", "just", "over", "around",
     "about", "another", "all", "its", "their", "our", "his", "her", "these", "those", "additional",
     "further", "estimated", "reportedly", "exactly", "ex", "e.g.", "i.e.", "including",
     "signed", "trained", "provided", "gave", "reported", "deployed", "with", "among", "of", "to"}
)

# Capitalised first words of a sentence that a count may follow ("Only 3 remain", "Add 5 grams");
# any other capitalised word directly before a bare number at a sentence start names it ("Scope 1").
SENTENCE_START_NOT_NAMES: frozenset[str] = frozenset(
    {"only", "some", "another", "about", "around", "nearly", "almost", "roughly", "approximately", "over",
     "under", "just", "exactly", "fully", "all", "both", "the", "these", "those", "its", "their", "our",
     "at", "in", "on", "by", "for", "from", "with", "to", "of", "and", "but", "or", "so", "then", "when",
     "since", "after", "before", "during", "until", "while", "if", "as", "than", "each",
     "every", "add", "take", "buy", "sell", "hire", "send", "give", "get", "make", "build", "use",
     "deploy", "plant", "train", "pay", "spend", "save", "cut", "raise", "invest", "lend", "borrow",
     "recruit", "employ", "includes", "include", "has", "have", "had", "was", "were", "is", "are",
     "says", "said", "expect", "expects", "estimates", "total", "totals", "plus", "minus"}
)

# Nouns that are plural without an -s, so that "50 aircraft", "300 personnel" read as counts.
INVARIANT_PLURALS: frozenset[str] = frozenset(
    {"aircraft", "spacecraft", "hovercraft", "personnel", "staff", "people", "police", "cattle", "sheep",
     "fish", "deer", "crew", "offspring", "livestock", "equipment", "artillery", "infantry", "militia",
     "clergy", "youth", "data", "media", "criteria", "phenomena", "feet", "teeth", "men", "women",
     "children", "mice", "geese", "series", "species", "troops", "folk", "swine", "salmon", "bison"}
)

# Row labels of a table whose columns are parties (an election infobox: "Abbreviation | ND | Syriza"), the
# party's own name first, its leader's last (`claims.extract.tables.column_name`).
NAME_ROW_LABELS: tuple[frozenset[str], ...] = (
    frozenset({"party", "parties", "country", "company", "team", "name"}),
    frozenset({"abbreviation", "acronym"}),
    frozenset({"candidate", "candidates", "nominee"}),
    frozenset({"leader", "led by", "leader since"}),
)
# Plural row labels of a table that name no thing counted: a bare whole number in such a row is no count of
# them ("Results", "Changes", or a period: "Years").
NOT_COUNTED_LABELS: frozenset[str] = frozenset(
    {"results", "changes", "totals", "figures", "numbers", "statistics", "details", "notes", "sources",
     "remarks", "comments", "rates", "shares", "ratios", "percentages", "points", "scores", "ranks",
     "rankings", "years", "months", "weeks", "days", "hours", "minutes", "seconds", "dates", "terms",
     "basis", "series", "gains", "losses", "earnings", "proceeds", "receipts", "savings", "assets",
     "liabilities", "expenses", "dues", "means", "averages", "levels", "values", "amounts", "sums"}
)
# Words of a row label that make its figures a share or rate of the thing it names ("Vote share"), no count;
# change words are `CHANGE_NOUNS`.
NOT_COUNTED_LABEL_WORDS: frozenset[str] = frozenset({"share", "rate", "percentage", "per", "ratio"})

# Words that, before a number, begin a reference or a citation rather than a quantity.
CITATION_WORDS: frozenset[str] = frozenset({"isbn", "issn", "doi", "arxiv", "pmid", "tel", "fax", "ibid"})

# Demonym and nationality adjectives that may follow a sentence-initial number word in a real count
# ("Three Japanese ships"). Kept short; the parser handles the rest when loaded.
COUNT_ADJECTIVES: frozenset[str] = frozenset(
    {"japanese", "chinese", "american", "indonesian", "malaysian", "philippine", "filipino", "vietnamese",
     "thai", "cambodian", "laotian", "burmese", "singaporean", "bruneian", "korean", "indian",
     "australian", "european", "british", "french", "german", "russian", "asean", "us", "u.s."}
)

# Words of change: before "from X to Y" or "by X to Y" they make X and Y two values (a start and an end,
# or a change and a level: "raised the rate from 4% to 5%", "fell by €312 million to €2.05 billion"),
# not a range. CHANGE_STEMS are matched as word prefixes so inflections are covered ("increas" ->
# increased, increases, increasing); CHANGE_WORDS are whole words (short forms whose prefixes would match
# unrelated words: "go" in "government", "dip" in "diplomat"). Without one, "incomes from $50,000 to
# $100,000" is a range.
CHANGE_STEMS: tuple[str, ...] = (
    "rise", "rising", "risen", "fall", "drop", "increas", "decreas", "grow", "declin", "climb", "jump",
    "surg", "soar", "slide", "slid", "slipp", "plung", "tumbl", "easing", "eased", "edged", "edging",
    "raise", "raisi", "lifted", "lifting", "lowered", "lowering", "reduc", "boost", "doubl", "tripl",
    "quadrupl", "halv", "widen", "narrow", "expand", "shrank", "shrink", "shrunk", "contract", "revis",
    "chang", "moved", "moving", "shift", "hike", "hiking", "slash", "trimm", "accelerat", "slowed",
    "slowing", "improv", "worsen", "recover", "rebound", "bump", "upgrad", "downgrad", "adjust", "gained",
    "gaining", "advanc", "retreat", "dipped", "dipping", "spike", "spiking", "rallied", "rallies",
    "rallying", "crash", "collaps", "balloon", "swell", "swollen", "swung", "swing", "inflat", "deflat",
    "appreciat", "depreciat", "weaken", "strengthen", "extend", "reviv", "convert", "reset", "restat",
)
CHANGE_WORDS: frozenset[str] = frozenset(
    {"rose", "fell", "grew", "cut", "cuts", "up", "down", "go", "goes", "went", "gone", "dip", "dips",
     "ease", "eases", "edge", "edges", "lift", "lifts", "lower", "lowers", "move", "moves", "slow", "slows",
     "gain", "gains", "lost", "lose", "loses", "losing", "add", "adds", "added", "adding", "turn", "turns",
     "turned", "sank", "sink", "sinks", "trim", "trims", "rally", "mount", "mounts", "mounted", "change"}
)
# Words that make "from X to Y" a range even after a word of change ("prices rose for items ranging from").
RANGE_CUES: frozenset[str] = frozenset(
    {"ranging", "range", "ranges", "ranged", "anywhere", "vary", "varies", "varying", "varied", "spanning"}
)

# ---------------------------------------------------------------------------------------------- facets
# Words that decide whether two figures measure the same thing (`claims.context.facets`). Chosen from the
# reporting genres this project reads (budget and aid releases, wire news on results, tolls and surveys,
# corporate filings: SEC Regulation G for GAAP/non-GAAP wording, IMF/OECD statistical release vocabulary
# for provisional/flash/revised estimates, parliamentary budget stages: draft, proposed, enacted,
# supplementary) and reviewed by hand. Patterns are matched on lower-case text, as whole words.

# Before a number: it is the base a change is measured from ("up from 58.9%", "compared with $3bn").
BASE_CUES_BEFORE: tuple[str, ...] = (
    "up from", "down from", "rising from", "falling from", "rose from", "fell from", "increased from",
    "decreased from", "grew from", "jumped from", "dropped from", "declined from", "climbed from",
    "compared with", "compared to", "as against", "against", "versus", "vs", "vs.", "from",
    "a year earlier of", "previous year's", "last year's", "the previous", "prior-year",
)
# After a number: the period it refers to is before the statement's own ("58.9% a year ago").
BASE_CUES_AFTER: tuple[str, ...] = (
    "a year ago", "a year earlier", "a year before", "one year ago", "one year earlier", "last year",
    "the previous year", "the year before", "the prior year", "in the previous year", "in the prior year",
    "in the same period last year", "in the same period a year earlier", "in the same quarter last year",
    "in the year-ago period", "in the year-earlier period", "a month earlier", "a month ago",
    "the previous month", "a quarter earlier", "the previous quarter", "in the previous quarter",
    "previously", "before",
)
# Nouns and verbs of change: "an increase of X", "rose X", "X rise", "X more".
CHANGE_NOUNS: frozenset[str] = frozenset(
    {"increase", "increases", "rise", "rises", "growth", "jump", "gain", "gains", "surge", "hike",
     "boost", "decrease", "decline", "drop", "fall", "reduction", "cut", "cuts", "contraction",
     "increment", "expansion", "slump", "plunge", "shortfall", "change", "swing", "upturn", "downturn",
     "uptick", "dip", "slide", "rebound", "improvement", "deterioration", "addition"}
)
CHANGE_VERBS: frozenset[str] = frozenset(
    {"rose", "rise", "rises", "rising", "risen", "fell", "fall", "falls", "falling", "fallen", "grew", "grow",
     "grows", "growing", "grown", "increased", "increases", "increasing", "decreased", "decreases",
     "declined", "declines", "declining", "dropped", "drops", "jumped", "jumps", "climbed", "climbs",
     "surged", "surges", "gained", "gains", "added", "adds", "lost", "shed", "sheds", "slipped", "slid",
     "plunged", "plummeted", "soared", "expanded", "expands", "contracted", "shrank", "shrunk",
     "widened", "narrowed", "up", "down", "higher", "lower", "advanced", "retreated", "eased", "edged",
     "raised", "cut", "trimmed", "boosted", "hiked", "lifted", "reduced", "slashed"}
)
# After a change verb, a number after "to" is the level reached ("rose 5% to $8bn": $8bn is a level).
CHANGE_AFTER_WORDS: frozenset[str] = frozenset(
    {"more", "less", "higher", "lower", "fewer", "increase", "rise", "growth", "jump", "gain", "gains",
     "surge", "hike", "decrease", "decline", "drop", "fall", "reduction", "cut", "contraction",
     "increment", "expansion", "slump", "plunge", "boost", "up", "down", "above", "below", "over",
     "year-on-year", "year-over-year", "yoy", "y/y", "quarter-on-quarter", "q/q", "month-on-month",
     "m/m", "annual", "annualised", "annualized", "on-year"}
)
# A percentage that is a part of a whole ("34% of GDP", "a 12% share").
SHARE_CUES: tuple[str, ...] = ("accounted for", "accounting for", "makes up", "made up", "account for")
# The direction a change goes, when the words carry it and the figure has no sign ("fell 0.2%", "a 0.2%
# contraction", "0.2% lower"): a change stated as "-0.2%" elsewhere is the same figure. Inflected forms of
# the verbs and nouns of CHANGE_VERBS / CHANGE_NOUNS / CHANGE_AFTER_WORDS, split by direction.
FALLING_WORDS: frozenset[str] = frozenset(
    {"fell", "fall", "falls", "falling", "fallen", "decreased", "decreases", "decreasing", "decrease",
     "declined", "declines", "declining", "decline", "dropped", "drops", "drop", "dropping", "lost", "shed",
     "sheds", "slipped", "slid", "slide", "plunged", "plunge", "plummeted", "contracted", "contracting",
     "contraction", "shrank", "shrunk", "shrinking", "narrowed", "down", "lower", "less", "fewer",
     "retreated", "eased", "cut", "cuts", "trimmed", "reduced", "reduction", "slashed", "slump", "slumped",
     "dip", "dipped", "downturn", "tumbled", "sank", "loss", "deficit"}
)
# Words skipped between a change word and its figure ("fell by a modest 0.2%", "0.2% on the year").
DIRECTION_FILLER: frozenset[str] = frozenset(
    {"by", "of", "a", "an", "the", "some", "about", "around", "nearly", "almost", "over", "just", "roughly",
     "approximately", "more", "than", "at", "least", "year-on-year", "annual", "sharp", "steep", "modest",
     "slight", "further", "another", "quarterly", "monthly", "was", "were", "is", "be", "been", "being"}
)
RISING_WORDS: frozenset[str] = frozenset(
    {"rose", "rise", "rises", "rising", "risen", "grew", "grow", "grows", "growing", "grown", "growth",
     "increased", "increases", "increasing", "increase", "jumped", "jumps", "jump", "climbed", "climbs",
     "surged", "surges", "surge", "gained", "gains", "gain", "added", "adds", "soared", "expanded",
     "expands", "expansion", "widened", "up", "higher", "more", "advanced", "raised", "boosted", "boost",
     "hiked", "hike", "lifted", "upturn", "uptick", "rebound", "rebounded", "increment"}
)
# A figure set as an aim, not an outcome.
TARGET_CUES: tuple[str, ...] = (
    "target of", "target", "targets", "targeted", "targeting", "aims to", "aim to", "aiming", "aimed at",
    "goal of", "goal", "seeks to", "seeking", "ambition of", "pledged to reach", "to reach", "aspires",
    "said it would", "says it would", "said they would", "hopes to", "intends to", "wants to",
    "promised to", "pledged to", "vowed to",
)
# A toll read as it rises: the figure a statement or a title gives of it is provisional.
RUNNING_TOLL_CUES: tuple[str, ...] = (
    "toll reaches", "toll hits", "toll rises", "toll rises to", "toll rose to", "toll has risen to",
    "toll climbs", "toll climbs to", "toll climbed to", "toll has climbed to", "toll jumps", "toll nears",
    "toll surpasses", "toll exceeds",
)
# An exit or opinion poll named in a clause or a title: its figures are a poll's estimate of a vote.
POLL_CUES: tuple[str, ...] = ("exit poll", "exit polls", "exit-poll", "exit-polls", "opinion poll",
                              "opinion polls")
# Stage of a figure: which version of it a statement gives (budget stage, estimate vintage, accounting
# basis, fleet status). Order matters inside a family only for display.
STAGE_CUES: dict[str, tuple[str, ...]] = {
    "proposed": ("proposed", "proposal", "draft", "requested", "request", "requesting", "sought", "seeks",
                 "asked for", "budget request", "plans to spend", "submitted", "tabled", "unveiled"),
    "approved": ("approved", "adopted", "enacted", "passed", "appropriated", "authorised", "authorized",
                 "signed into law", "budget estimate", "budget estimates", "budgeted", "main estimates"),
    "actual": ("actual", "actuals", "outturn", "audited accounts", "final accounts"),
    "revised": ("revised", "revised estimate", "revised estimates", "amended", "supplementary",
                "supplemental", "updated", "upgraded",
                "downgraded", "raised its", "lowered its", "cut its", "second estimate", "third estimate",
                "second quarterly estimate"),
    # a poll's estimate of a vote, set against the count ("the exit poll gave it 23.5%"); "poll" alone is left
    # out: it is also the election itself ("won 34% in the poll")
    "poll": (*POLL_CUES, "pollster", "pollsters", "polling firm", "polling institute", "polling agency",
             "polling company"),
    "forecast": ("forecast", "forecasts", "forecasting", "projected", "projection", "projections",
                 "expected", "expects", "expect", "expecting", "estimated to", "predicted", "predicts",
                 "analysts", "analyst", "consensus", "had been expecting", "were expecting", "outlook",
                 "guidance", "will reach", "is set to", "are set to", "could reach", "would reach",
                 "anticipated", "anticipates", "scenario", "looks for", "looking for",
                 # "projects" is mostly a noun ("rail projects"): the verb only with what it projects
                 "it projects", "projects a", "projects an", "projects the", "projects that",
                 "projects its", "projects revenue", "projects sales", "projects growth", "projects profit",
                 "projects earnings",
                 "is projecting", "foresees", "on track to", "on course to"),
    "provisional": ("provisional", "provisional actuals", "preliminary", "flash", "advance estimate",
                    "initial estimate", "early estimate", "unaudited", "leading in", "leads in", "ahead in",
                    "ahead on", "leading on", "leads on", "early trends", "latest trends", "as per trends",
                    "so far", "till now", "until now", "tentative", "approximate", "first estimate",
                    "first quarterly estimate", *RUNNING_TOLL_CUES),
    "final": ("final", "audited", "confirmed", "official result", "official results", "official count",
              "official tally", "officially"),
    "adjusted": ("adjusted", "non-gaap", "underlying", "core", "excluding one-off", "excluding items",
                 "pro forma", "pro-forma", "normalised", "normalized"),
    "gaap": ("gaap", "statutory", "reported basis", "ifrs", "net income attributable"),
    "ordered": ("on order", "ordered", "to be delivered", "will be delivered", "to be built", "will receive",
                "will be built", "under construction", "plans to buy"),
    "delivered": ("in service", "delivered", "commissioned", "already received", "handed over"),
}
# Stage words that also name the stage when they follow the number ("$2bn on an adjusted basis").
STAGE_CUES_AFTER: frozenset[str] = frozenset(
    {"proposed", "projected", "forecast", "on order", "in service", "provisional", "preliminary",
     "on an adjusted basis", "on a gaap basis", "non-gaap", "adjusted", "estimated", "budget estimate",
     "revised estimate", "revised estimates", "budget estimates", "actuals", "provisional actuals",
     "so far", "till now", "until now", "exit poll", "exit polls", "exit-poll", "opinion poll",
     "opinion polls"}
)
# Scope words: which part or class of a quantity a figure covers.
SCOPE_CUES: dict[str, tuple[str, ...]] = {
    "additional": ("additional", "extra", "further", "another", "an additional", "a further", "top-up",
                   "supplementary", "more", "added"),
    "previous": ("previously", "earlier", "already", "previous", "prior", "former", "last year's",
                 "had received", "had provided", "had given", "first tranche",
                 "first batch", "first phase"),
    "later_tranche": ("second tranche", "third tranche", "second batch", "third batch", "second phase",
                      "next tranche", "the remaining", "final tranche"),
    "new": ("new", "newly", "fresh"),
    "per_capita": ("per capita", "per person", "per head", "a head", "per household", "per resident",
                   "per student", "per worker", "per employee", "per inhabitant"),
    "per_day": ("per day", "a day", "daily", "each day", "every day"),
    "per_month": ("per month", "a month", "monthly", "each month", "every month"),
    "per_year": ("per year", "a year", "per annum", "annually", "each year", "every year", "yearly",
                 "annual"),
    "cumulative": ("cumulative", "cumulatively", "in total since", "since", "so far", "to date",
                   "over the past", "over the last", "over the next", "in all", "altogether",
                   "all-time"),
}
# Grain of the period a figure covers, when the words around it say so.
GRAIN_CUES: dict[str, tuple[str, ...]] = {
    "quarter": ("first quarter", "second quarter", "third quarter", "fourth quarter", "final quarter",
                "last quarter", "the quarter", "quarterly", "three months", "q1", "q2", "q3", "q4", "1q",
                "2q", "3q", "4q", "this quarter", "june quarter", "march quarter", "september quarter",
                "december quarter", "year-ago quarter", "year-earlier quarter", "same quarter"),
    "half": ("first half", "second half", "h1", "h2", "half-year", "half year", "six months", "1h", "2h",
             "semester", "half-yearly"),
    "month": ("in january", "in february", "in march", "in april", "in may", "in june", "in july",
              "in august", "in september", "in october", "in november", "in december", "this month",
              "last month", "the month"),
    "year": ("fiscal year", "financial year", "full-year", "full year", "for the year", "the year",
             "annual", "annually", "calendar year", "fy", "this year"),
}
# What a change is measured against, written out ("rose 5% year-on-year", "fell 0.3% on the quarter"): the
# same period a year, a quarter or a month before. A basis, not the length of the period the figure covers.
BASIS_CUES: dict[str, tuple[str, ...]] = {
    "quarter": ("quarter-on-quarter", "quarter on quarter", "on the quarter", "sequentially"),
    "month": ("month-on-month", "month on month", "on the month"),
    "year": ("year-on-year", "year on year", "on the year"),
}
# Abbreviations of a change's period written right after the figure ("fell 0.2% mom", "+1.1% y/y").
GRAIN_SUFFIXES: dict[str, tuple[str, ...]] = {
    "month": ("mom", "m/m", "m-o-m"),
    "quarter": ("qoq", "q/q", "q-o-q"),
    "year": ("yoy", "y/y", "y-o-y"),
}
# Words of a row label that do not tell two rows apart ("Ministry of Defence" and "Defence").
LABEL_WORDS_IGNORED: frozenset[str] = frozenset({"of", "and", "the", "for", "in", "on", "to", "a", "an", "&"})
# Words before a figure of an inline list that name no item ("with about 47%", "and up 53%").
NOT_ITEM_WORDS: frozenset[str] = frozenset(
    {"the", "about", "around", "nearly", "almost", "over", "some", "just", "roughly", "only", "another",
     "more", "less", "than", "while", "which", "who", "that", "it", "its", "their", "was", "were", "is",
     "are", "to", "from", "and", "or", "of", "by", "at", "in", "a", "an", "up", "down", "with",
     # words setting a figure against another name no item either ("..., against the $4.64 expected")
     "against", "versus", "vs", "vs.", "compared", "beating", "beat", "topping", "missing", "above", "below"}
)
# Words around a "respectively" list that belong to no member ("her rivals X and Y", "finalists will get"):
# articles, prepositions, auxiliaries and verbs of getting or changing, pronouns, connectives.
NOT_RESPECTIVE_MEMBER: frozenset[str] = frozenset(
    {"the", "a", "an", "of", "in", "to", "for", "by", "at", "on", "with", "from", "was", "were", "is", "are",
     "be", "been", "will", "would", "could", "may", "can", "shall", "should", "had", "has", "have", "get",
     "gets", "got", "receive", "receives", "received", "take", "takes", "took", "win", "wins", "won", "rose",
     "rise", "rises", "fell", "fall", "falls", "grew", "grow", "grows", "stood", "came", "reached", "saw",
     "posted", "reported", "recorded", "increased", "decreased", "declined", "dropped", "respectively",
     "who", "which", "that", "their", "its", "his", "her", "both", "each", "while", "whereas", "up", "down",
     "respective", "also", "then", "now", "so", "but", "or"}
)
# Verbs that carry no measure of their own, so name no list item ("caused 1,210 deaths and left 2,875 people
# injured"): a figure after them belongs to no item of their name.
NOT_ITEM_VERBS: frozenset[str] = frozenset(
    {"left", "leaving", "caused", "causing", "had", "has", "have", "reported", "recorded", "registered"}
)
# Verbs between a list item and its figure ("services fell 0.2%, production rose 0.6%").
LIST_ITEM_VERBS: tuple[str, ...] = (
    "rose", "fell", "grew", "dipped", "dropped", "declined", "increased", "decreased", "climbed",
    "slipped", "jumped", "gained", "lost", "shrank", "contracted", "expanded", "edged up", "edged down",
    "was", "were", "stood at", "came in at", "reached", "totalled", "totaled",
)
# Words after "in" that name a time, not the item of a list ("0.5% in the year").
NOT_ITEM_AFTER: frozenset[str] = frozenset(
    {"year", "years", "quarter", "quarters", "month", "months", "week", "weeks", "period", "total", "all",
     "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "real", "terms", "nominal", "cash", "value", "volume"}
)
# Measures that are never one another, as word beginnings: two figures whose own clauses name different
# members of one group ("deliveries rose 38%" and "production rose 35%", "killed 2,900" and "injured 5,500")
# measure different things. Each group lists its members; a member is a tuple of word beginnings. Drawn from
# the measures wire reports on trade, output, disasters, budgets and results set side by side.
MEASURE_CONTRASTS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("export",), ("import",)),
    (("deliver", "sold", "sales", "sell"), ("produc", "manufactur", "built", "output"), ("recall",)),
    (("kill", "dead", "death", "died", "fatalit", "toll"), ("injur", "wound", "hurt"), ("missing",),
     ("displac", "homeless", "evacu", "rescued")),
    (("birth",), ("death", "died")),
    (("revenue", "sales", "turnover"), ("profit", "income", "earning")),
    (("spend", "expenditur", "outlay"), ("revenue", "receipt")),
    (("men", "male"), ("women", "female")),
    (("urban",), ("rural",)),
    (("arriv",), ("depart",)),
    (("buy", "bought", "purchas"), ("sell", "sold")),
)
# How far a count has gone ("with 11.3 percent of the votes counted", "with every ballot counted"): the
# things counted and the words saying they are in. From wire reports of election counts and tallies.
COUNT_PROGRESS_UNITS: tuple[str, ...] = (
    "votes", "vote", "ballots", "ballot", "polling stations", "polling places", "polling districts",
    "voting stations", "voting districts", "voting places", "districts", "precincts", "constituencies",
    "results", "returns", "booths", "wards", "counties", "seats", "the count", "votes cast",
    "ballot boxes", "voting tables", "polling tables", "tables", "tally sheets",
)
COUNT_PROGRESS_DONE: tuple[str, ...] = (
    "counted", "tallied", "reporting", "reported", "declared", "processed", "captured", "verified",
    "announced", "finalised", "finalized", "now counted", "been counted", "were counted", "had been counted",
    "have been counted", "are in", "were in", "had come in", "have come in", "declared so far",
)
# A count still going on, said in so many words.
COUNT_RUNNING_CUES: tuple[str, ...] = (
    "as counting went on", "as counting continued", "as counting continues", "as counting goes on",
    "counting is still under way", "counting was still under way", "counting is under way",
    "with counting under way", "partial results", "early results", "preliminary results",
    "results so far", "early counts", "early count", "partial count", "incomplete results",
)
# A running count of people affected by a disaster or campaign, read as it rises ("the death toll rose
# to 2,012"): the counted words, and the verbs that report one reading of it.
RUNNING_COUNT_NOUNS: frozenset[str] = frozenset(
    {"toll", "tolls", "death toll", "deaths", "dead", "killed", "fatalities", "casualties", "injured",
     "wounded", "missing", "displaced", "evacuated", "cases", "infections", "vaccinated", "doses",
     "arrests", "arrested", "detained", "rescued", "survivors"}
)
RUNNING_COUNT_VERBS: tuple[str, ...] = (
    "rose to", "risen to", "rises to", "rising to", "climbed to", "climbs to", "climbing to",
    "jumped to", "jumps to", "increased to", "increases to", "went up to", "has reached", "had reached",
    "reached", "passed", "passes", "surpassed", "surpasses", "topped", "tops", "crossed", "crosses",
    "went past", "goes past", "goes beyond", "went beyond", "exceeded", "exceeds", "stood at",
    "stands at", "now stands at", "has climbed", "has risen", "so far", "to date",
)
# "as of Sunday", "as at 31 March": a running total read on one date.
AS_OF_CUES: tuple[str, ...] = ("as of", "as at", "as on", "by", "until", "till", "through", "up to")
WEEKDAY_WORDS: frozenset[str] = WEEKDAYS | frozenset({"today", "yesterday", "tonight", "overnight"})

# ------------------------------------------------------------------------------------------------ owners
# Words that decide who a figure belongs to (`claims.context.owners`). Chosen from the same genres (wire
# news on elections, results, disasters and budgets) and reviewed by hand.

# Capitalised words that do not make a party's name on their own: function words opening a sentence,
# generic words for a national government ("the Centre", "the Union Budget": the owner is then the
# document's main party), titles of sections and live pages, sources' generic nouns and measure words.
NOT_OWNER_WORDS: frozenset[str] = FUNCTION_WORDS | SENTENCE_START_NOT_NAMES | WEEKDAYS | MONTHS | frozenset(
    {"it", "its", "they", "their", "he", "she", "his", "her", "we", "our", "i", "you", "there", "here",
     "meanwhile", "however", "also", "according", "former", "ex", "despite", "overall", "total", "totals",
     "new", "year",
     "years", "phase", "round", "budget", "budgets", "estimate", "estimates", "table", "figure", "chart",
     "source", "note", "notes", "centre", "center", "central", "union", "government", "govt", "federal",
     "national", "state", "states", "interim", "full", "final", "revised", "provisional", "key", "main",
     "highlights", "live", "updates", "update", "breaking", "report", "reports", "data", "opposition",
     "ruling", "officials", "official", "sources", "analysts", "experts", "people", "residents", "per",
     "cent", "percent", "lakh", "crore", "million", "billion", "trillion", "rs", "inr", "usd", "us$",
     "eur", "gbp", "jpy", "fiscal", "financial", "quarter", "first", "second", "third", "fourth", "last",
     "next", "previous", "earlier", "later", "today", "yesterday", "tonight", "morning", "evening",
     "afternoon", "night", "week", "month", "day", "days", "election", "elections", "poll", "polls",
     "results", "result", "counting", "votes", "vote", "seats", "revenue", "revenues", "sales", "profit",
     "diluted", "adjusted", "gross", "net", "operating", "capital", "expenditure", "receipts"}
)
# Acronyms and capitalised words that name a measure, a time or a unit, never a party ("GAAP EPS", "YoY").
MEASURE_ACRONYMS: frozenset[str] = frozenset(
    {"eps", "gdp", "gnp", "gni", "gaap", "non-gaap", "ebitda", "ebit", "cpi", "wpi", "gst", "vat", "capex",
     "opex", "roe", "roi", "cagr", "yoy", "qoq", "mom", "y/y", "q/q", "fdi", "aum", "arpu", "gmv", "mw",
     "gw", "kw", "kwh", "mwh", "gwh", "bps", "pp", "ppt", "usd", "inr", "eur", "gbp", "jpy", "cny", "rmb",
     "bn", "mn", "tn", "km", "kg", "be", "re", "ttm", "ltm", "fy", "cy", "h1", "h2", "q1", "q2", "q3",
     "q4", "pm", "am", "ist", "gmt", "utc", "ceo", "cfo", "covid", "covid-19", "ai", "ml", "gpu", "gpus",
     "chip", "chips"}
)
# Auxiliaries and frequent verbs of news figures: a verb between a possessive name and a figure ends the
# noun phrase the name possesses.
VERBISH: frozenset[str] = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can",
     "could", "may", "might", "shall", "should", "must", "won", "win", "wins", "took", "take", "takes",
     "got", "get", "gets", "made", "make", "makes", "came", "come", "comes", "gave", "give", "gives",
     "put", "puts", "set", "sets", "saw", "see", "sees", "stood", "stands", "rose", "fell", "grew",
     "hit", "hits", "reached", "reaches", "said", "says", "told", "shows", "showed", "holds", "held",
     "secured", "secures", "bagged", "claimed", "claims", "earmarked", "allocated", "received", "recorded",
     "reported", "posted", "registered", "announced", "estimated", "spent", "raised", "cut", "polled",
     "garnered", "led", "leads", "leading", "trailing"}
)
VERB_PATTERN: str = r"\b(?:" + "|".join(sorted(VERBISH - {"led"})) + r")\b"
# Class words of a party's name, dropped when comparing owners ("the opposition INDIA bloc" and "the INDIA
# alliance" are one owner; "the Samajwadi Party" and "Samajwadi" too).
OWNER_CLASS_WORDS: frozenset[str] = frozenset(
    {"the", "alliance", "bloc", "coalition", "front", "party", "parties", "group", "camp", "combine",
     "opposition", "ruling", "government", "administration", "company", "corporation", "corp", "corp.",
     "inc", "inc.", "ltd", "ltd.", "limited", "plc", "co", "co.", "holdings"}
)
# Title words that say a document reports a running or a closing count (`claims.context.facets`): the
# stage of the figures it gives for its own event (live pages and evening wraps give leads and trends).
DOCUMENT_STAGE_CUES: dict[str, tuple[str, ...]] = {
    "poll": POLL_CUES,
    "provisional": ("live", "live updates", "leads", "leading", "lead in", "trends", "early trends",
                    "counting continues", "as counting", "counting underway", "so far", "till now",
                    "until now", "as it happened", "heads for", "heading for", "headed for",
                    "set for", "on course", "poised", "latest", "tally rises", "rises to", "climbs to",
                    "passes", "crosses", "tops", *RUNNING_TOLL_CUES, "first estimate",
                    "first quarterly estimate"),
    "revised": ("second estimate", "third estimate", "second quarterly estimate", "revised estimate",
                "quarterly national accounts"),
    "final": ("final", "final result", "final results", "official result", "official results",
              "all results", "declared", "final tally",
              "final figure", "final figures", "final turnout", "final count", "concludes", "officially"),
}
# fmt: on
