"""Generated news-like articles about North Korea, China and Russia, for the benchmarks.

Each article is built from a seeded random generator: a dated headline, a dateline, several event sentences
(visits, meetings, messages, agreements, anniversaries, criticism) with varied actors, places, dates and
wording, and background paragraphs drawn from a large pool of clauses, so that no two articles are
near-duplicates (the loader would otherwise treat them as syndicated copies and skip their extraction).
"""

from __future__ import annotations

import datetime as dt
import html
import random

LEADERS = {
    "PRK": ["Kim Jong Un", "Choe Son Hui", "Pak Thae Song", "Kim Tok Hun", "Ri Il Hwan", "No Kwang Chol"],
    "CHN": ["Xi Jinping", "Wang Yi", "Li Qiang", "Zhao Leji", "Wang Yang", "Dong Jun"],
    "RUS": [
        "Vladimir Putin",
        "Sergei Lavrov",
        "Andrei Belousov",
        "Sergei Shoigu",
        "Alexander Kozlov",
        "Mikhail Mishustin",
    ],
}
COUNTRIES = {
    "PRK": ["North Korea", "the DPRK", "Pyongyang"],
    "CHN": ["China", "Beijing"],
    "RUS": ["Russia", "Moscow", "the Kremlin"],
}
ADJECTIVES = {"PRK": "North Korean", "CHN": "Chinese", "RUS": "Russian"}
PLACES = {
    "PRK": ["Pyongyang", "Wonsan", "Sinuiju", "Rason", "Kaesong", "Hamhung"],
    "CHN": ["Beijing", "Dandong", "Shenyang", "Hunchun", "Dalian", "Shanghai"],
    "RUS": ["Moscow", "Vladivostok", "Khabarovsk", "Khasan", "St Petersburg", "Novosibirsk"],
}
OUTLETS = [
    "Korean Central News Agency",
    "Xinhua",
    "TASS",
    "Yonhap",
    "Rodong Sinmun",
    "RIA Novosti",
    "Global Times",
    "NK Pro",
    "Kyodo",
    "Interfax",
]
TOPICS = [
    "trade",
    "railway links",
    "fisheries",
    "tourism",
    "grain deliveries",
    "customs rules",
    "aviation",
    "electricity supplies",
    "science exchanges",
    "health cooperation",
    "education",
    "the border bridge",
    "port access",
    "oil shipments",
    "fertiliser deliveries",
    "labour exchanges",
    "television broadcasts",
    "sports contacts",
    "road freight",
    "agricultural machinery",
]
EVENTS = [
    "{a} visited {place} on {date}, where {pron} held talks with {b} on {topic}.",
    "{a} met {b} in {place} on {date} to discuss {topic}, {outlet} reported.",
    "{a} sent a message of greeting to {b} on {date}, praising the friendship between {ca} and {cb}.",
    "On {date}, {a} and {b} signed an agreement on {topic} in {place}.",
    "{a} arrived in {place} on {date} for a visit of {days} days at the invitation of {b}.",
    "{a} paid tribute at the Friendship Tower in {place} on {date}, {outlet} said.",
    "Officials of {ca} and {cb} marked the {ordinal} anniversary of the treaty of friendship on {date}.",
    "{a} criticised {cb} over its position on {topic} in a statement carried by {outlet} on {date}.",
    "A {adj} delegation led by {a} travelled to {place} on {date} to negotiate on {topic}.",
    "{a} hosted a banquet in {place} on {date} for {b}, who was on a visit to discuss {topic}.",
    "{ca} and {cb} held consultations on {topic} in {place} on {date}, {outlet} reported.",
    "{a} told {b} in a telephone call on {date} that {ca} supports {cb} on {topic}.",
]
BACKGROUND = [
    "Analysts said the {topic} talks were the {n}th round since the pandemic closed the border.",
    "Trade between the two countries reached {n} million dollars in the first {m} months, customs data showed.",
    "The {adj} side did not say when the next round of talks on {topic} would be held.",
    "Satellite images taken in {month} showed {n} freight wagons waiting near {place}.",
    "The agreement on {topic} replaces an arrangement that expired {m} years ago.",
    "A spokesman in {place} declined to comment on the figures for {topic} on {weekday}.",
    "Observers noted that {n} trucks crossed the bridge near {place} during the {month} holiday.",
    "The report gave no details of the {topic} projects discussed, citing a {m}-point plan.",
    "State television showed the delegation touring a {topic} exhibition in {place} for {m} hours.",
    "Diplomats in {place} said the schedule for {topic} had slipped by {m} weeks since {month}.",
    "The ministry in {place} published {n} pages of new rules on {topic} on {weekday}.",
    "Local officials said {n} workers were assigned to the {topic} project near {place}.",
    "Shipping records list {n} vessels that called at {place} in {month}, up from {m} a year earlier.",
    "The statement from {place} repeated a pledge to expand {topic} within {m} years.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _date_text(rng: random.Random, day: dt.date) -> str:
    choice = rng.random()
    if choice < 0.5:
        return f"{MONTHS[day.month - 1]} {day.day}"
    if choice < 0.8:
        return WEEKDAYS[day.weekday()]
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def article(n: int) -> dict:
    """Article number n: {id, title, published (YYYY-MM-DD), paragraphs}; the same n always gives the same article."""
    rng = random.Random(1_000_003 * n + 7)
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 3650))
    ca, cb = rng.sample(sorted(LEADERS), 2)
    topic = rng.choice(TOPICS)
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        x, y = rng.sample(sorted(LEADERS), 2)
        day = published - dt.timedelta(days=rng.randrange(0, 6))
        values = {
            "a": rng.choice(LEADERS[x]),
            "b": rng.choice(LEADERS[y]),
            "ca": rng.choice(COUNTRIES[x]),
            "cb": rng.choice(COUNTRIES[y]),
            "adj": ADJECTIVES[x],
            "place": rng.choice(PLACES[y]),
            "date": _date_text(rng, day),
            "topic": rng.choice(TOPICS),
            "outlet": rng.choice(OUTLETS),
            "days": rng.randint(2, 9),
            "ordinal": _ordinal(rng.randint(20, 75)),
            "pron": "he" if rng.random() < 0.8 else "she",
        }
        sentences = [rng.choice(EVENTS).format(**values)]
        for _ in range(rng.randint(2, 4)):
            sentences.append(
                rng.choice(BACKGROUND).format(
                    topic=rng.choice(TOPICS),
                    n=rng.randint(2, 900),
                    m=rng.randint(2, 12),
                    adj=ADJECTIVES[x],
                    month=rng.choice(MONTHS),
                    place=rng.choice(PLACES[rng.choice(sorted(PLACES))]),
                    weekday=rng.choice(WEEKDAYS),
                )
            )
        rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))
    title = f"{ADJECTIVES[ca]} and {ADJECTIVES[cb]} officials discuss {topic} ({rng.choice(PLACES[ca])}, report {n})"
    return {
        "id": f"gen-{n:06d}",
        "title": title,
        "published": published.isoformat(),
        "paragraphs": paragraphs,
        "outlet": rng.choice(OUTLETS),
    }


def article_html(n: int) -> str:
    """Article n as a news page: navigation, headline, date, body, related links and a footer."""
    item = article(n)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item["paragraphs"])
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(item['title'])}</title>"
        f"<meta property='article:published_time' content='{item['published']}'>"
        f"<meta property='og:site_name' content='{html.escape(item['outlet'])}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world/'>World</a> <a href='/asia/'>Asia</a></nav>"
        f"<article><h1>{html.escape(item['title'])}</h1><p class='byline'>By Staff Reporter</p>{body}</article>"
        "<aside><h2>Related</h2><ul><li><a href='/a'>Markets today</a></li><li><a href='/b'>Weather</a></li></ul>"
        "</aside><footer>Copyright Bench Wire. All rights reserved.</footer></body></html>"
    )
