"""Constructions of wire copy and of reactions to what a state did, each on texts written for this test (not
taken from any corpus): demands that a state stop something, a headline's passive demand, a date put before a
subordinate clause the parser took for the main one, and a verb of motion with a particle that makes it no
journey.

Every test states the whole events it expects (kind, actors, targets, date, anniversary, negation)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "China on Wednesday called on North Korea to refrain from further provocative steps, its foreign "
            "ministry said.",
            [("criticism", ("CHN",), ("PRK",), "2013-02-13", None, None, False)],
        ),
        (
            "MOSCOW, Feb 13 (Reuters) - Russia's foreign ministry urged Pyongyang to abandon its nuclear "
            "programme, a spokesman said.",
            [("criticism", ("RUS",), ("PRK",), "2013-02-13", None, None, False)],
        ),
        (
            "WASHINGTON, Feb 13 (Reuters) - The United States demanded that North Korea halt its missile "
            "launches.",
            [("criticism", ("USA",), ("PRK",), "2013-02-13", None, None, False)],
        ),
    ],
)
def test_a_demand_that_a_state_stop_something_criticises_it(report, body, expected):
    assert report(body, "2013-02-13", source="Reuters") == expected


def test_a_call_for_restraint_answers_the_test_told_before_it(report):
    body = (
        "SEOUL, Nov 22 (Reuters) - North Korea fired a ballistic missile on Tuesday.\n\n"
        "China's foreign ministry on Wednesday urged all parties to exercise restraint."
    )
    assert report(body, "2023-11-22", source="Reuters") == [
        ("criticism", ("CHN",), ("PRK",), "2023-11-22", None, None, False),
        ("weapons_test", ("PRK",), (), "2023-11-21", None, None, False),
    ]


def test_a_participle_after_a_copula_is_the_verb_its_subject_does(report):
    body = (
        "MOSCOW, Jan 7 (Reuters) - North Korea fired a missile on Tuesday.\n\n"
        "Russia's foreign ministry said on Wednesday it was strongly opposed to the launch."
    )
    assert report(body, "2015-01-07", source="Reuters") == [
        ("criticism", ("RUS",), ("PRK",), "2015-01-07", None, None, False),
        ("weapons_test", ("PRK",), (), "2015-01-06", None, None, False),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a council's text is no state's: the rejection needs no target
        (
            "SEOUL, Mar 9 (Reuters) - North Korea's foreign ministry on Saturday rejected the new U.N. Security "
            "Council resolution as a hostile act.",
            [("rejection", ("PRK",), (), "2013-03-09", None, None, False)],
        ),
        (
            "SEOUL, Mar 9 (Reuters) - North Korea's foreign ministry on Saturday rejected American accusations "
            "that it had sold rockets to Iran.",
            [("rejection", ("PRK",), ("USA",), "2013-03-09", None, None, False)],
        ),
        (  # a resolution named by its number is written with a capital
            "SEOUL, Mar 9 (Reuters) - North Korea's foreign ministry on Saturday rejected Resolution 2094, adopted "
            "by the U.N. Security Council on Thursday.",
            [("rejection", ("PRK",), (), "2013-03-09", None, None, False)],
        ),
    ],
)
def test_a_resolution_or_an_accusation_rejected(report, body, expected):
    assert report(body, "2013-03-09", source="Reuters") == expected


def test_a_call_to_do_something_else_is_no_criticism(report):
    body = (
        "BEIJING, Feb 13 (Reuters) - China on Wednesday urged North Korea to return to the six-party talks."
    )
    assert report(body, "2013-02-13", source="Reuters") == []


def test_a_headline_demand_in_the_passive_is_the_outlets_own_on_the_one_asked(report):
    title = "U.S. urged to withdraw its forces from S. Korea"
    assert report(title, "2001-12-18", title=title) == [
        ("criticism", ("PRK",), ("USA",), "2001-12-18", None, None, False),
    ]


def test_a_date_before_a_subordinate_clause_dates_the_main_clause(report):
    body = (
        "BEIJING, Dec 20 (Reuters) - On Monday, hours after Pyongyang announced that its leader had died on "
        "Saturday, China's leadership sent a message of condolence to North Korea."
    )
    assert report(body, "2011-12-20", source="Reuters") == [
        ("message", ("CHN",), ("PRK",), "2011-12-19", None, None, False),
    ]


def test_a_missile_that_came_down_somewhere_is_no_visit(report):
    body = (
        "SEOUL, July 4 (Reuters) - North Korea fired a missile on Tuesday. South Korean officials said it "
        "came down in Japan's exclusive economic zone."
    )
    assert report(body, "2017-07-04", source="Reuters") == [
        ("weapons_test", ("PRK",), (), "2017-07-04", None, None, False),
    ]


def test_condolences_with_no_addressee_go_where_the_last_message_went(report):
    body = (
        "BEIJING, Dec 20 (Reuters) - China's leadership on Monday sent a message of condolence to Pyongyang.\n\n"
        "Russian President Dmitry Medvedev also sent condolences on Monday, and Japan's chief government "
        "spokesman expressed condolences on Tuesday."
    )
    assert report(body, "2011-12-20", source="Reuters") == [
        ("message", ("CHN",), ("PRK",), "2011-12-19", None, None, False),
        ("message", ("JPN",), ("PRK",), "2011-12-20", None, None, False),
        ("message", ("RUS",), ("PRK",), "2011-12-19", None, None, False),
    ]


def test_talks_held_in_another_states_capital_are_with_that_state(report):
    body = (
        "BEIJING, Feb 7 (Kyodo) - Wu Dawei, China's special representative for Korean Peninsula affairs, "
        "held talks in Pyongyang on Tuesday."
    )
    assert report(body, "2016-02-07", source="Kyodo") == [
        ("meeting", ("CHN", "PRK"), (), "2016-02-02", None, None, False),
        ("visit", ("CHN",), ("PRK",), "2016-02-02", None, None, False),  # held there: China's visit
    ]


def test_a_meeting_abroad_reported_by_a_states_own_outlet_is_not_with_the_host(report):
    # KCNA's Koreans meeting in Russia meet among themselves: the place makes no party of Russia
    body = "Koreans in Russia met in Partizansk City of Russia's Maritime Territory on Jan. 28."
    assert report(body, "2012-01-30") == []


def test_the_following_day_is_the_day_after_the_last_day_told(report):
    body = (
        "Chinese envoy Song Tao met on Friday with Choe Ryong Hae in Pyongyang and held talks the following "
        "day with Ri Su Yong, KCNA said.\n\n"
        "On Sunday, Song and his delegation paid their respects at the Kumsusan Palace of the Sun."
    )
    assert report(body, "2017-11-21", source="Reuters") == [
        ("commemoration", ("CHN",), ("PRK",), "2017-11-19", None, None, False),
        ("meeting", ("CHN", "PRK"), (), "2017-11-17", None, None, False),
        ("meeting", ("CHN", "PRK"), (), "2017-11-18", None, None, False),
        ("visit", ("CHN",), ("PRK",), "2017-11-17", None, None, False),  # the talks in Pyongyang: a visit
    ]


def test_a_date_since_which_something_is_first_dates_nothing_told(report):
    body = (
        "BEIJING, Sept 3 (Reuters) - North Korea conducted a nuclear test on Sunday. China's foreign ministry "
        "said it strongly condemns the test, the North's first since September last year."
    )
    assert report(body, "2017-09-03", source="Reuters") == [
        ("criticism", ("CHN",), ("PRK",), "2017-09-03", None, None, False),
        ("weapons_test", ("PRK",), (), "2017-09-03", None, None, False),
    ]


def test_what_two_states_agree_to_deal_with_is_no_party_to_the_agreement(report):
    body = (
        "XIAMEN, China, Sept 3 (AFP) - Chinese President Xi Jinping and Russian President Vladimir Putin "
        "agreed on Sunday to appropriately deal with North Korea's sixth nuclear test."
    )
    assert report(body, "2017-09-03", source="AFP") == [
        ("agreement", ("CHN", "RUS"), (), "2017-09-03", None, None, False),
        ("weapons_test", ("PRK",), (), "2017-09-03", None, None, False),
    ]


@pytest.mark.parametrize(
    ("body", "source", "expected"),
    [
        (  # attending where another state is: a visit there
            "MOSCOW, May 9 (TASS) - Kim Yong Nam attended the celebrations in the Russian capital on Saturday.",
            "TASS",
            [("visit", ("PRK",), ("RUS",), "2015-05-09", None, None, False)],
        ),
        (  # a diplomat at the post attending is on no visit
            "A reception was given at the Mansudae Assembly Hall on Thursday. Chinese Ambassador Liu Hongcai "
            "and his embassy officials attended the reception in Pyongyang.",
            "KCNA",
            [],
        ),
        (  # nor those attending at home
            "A seminar took place in Nakhodka on Saturday. It was attended by personages of the Nakhodka City "
            "Committee of the Communist Party of the Russian Federation.",
            "KCNA",
            [],
        ),
    ],
)
def test_attending_an_event_abroad_is_a_visit_there(report, body, source, expected):
    found = report(body, "2015-05-10", source=source)
    assert [e for e in found if e[0] == "visit"] == expected


@pytest.mark.parametrize(
    ("body", "source", "expected"),
    [
        (  # what something said shows is said too
            "SEOUL, April 28 (Reuters) - South Korea's defence ministry said on Monday the admission showed "
            "Pyongyang had openly violated U.N. Security Council resolutions.",
            "Reuters",
            [("criticism", ("KOR",), ("PRK",), "2025-04-28", None, None, False)],
        ),
        (  # calling something hostile criticises its doer
            "SEOUL, April 28 (Reuters) - North Korea launched a rocket on Monday. Tokyo called the launch a "
            '"highly provocative act".',
            "Reuters",
            [
                ("criticism", ("JPN",), ("PRK",), "2025-04-28", None, None, False),
                ("weapons_test", ("PRK",), (), "2025-04-28", None, None, False),
            ],
        ),
        (  # a veto of another's draft rejects it
            "UNITED NATIONS (AP) - China and Russia on Monday vetoed a U.S.-drafted resolution on North Korea.",
            "AP",
            [("rejection", ("CHN", "RUS"), ("USA",), "2025-04-28", None, None, False)],
        ),
        (  # talks sat down to
            "BEIJING, April 28 (Yonhap) -- Kim arrived in Beijing on Monday and sat down with Xi the same day.",
            "Yonhap",
            [
                ("meeting", ("CHN", "PRK"), (), "2025-04-28", None, None, False),
                ("visit", ("PRK",), ("CHN",), "2025-04-28", None, None, False),
            ],
        ),
        (  # greetings an envoy is asked to convey are sent; a thing presented to someone is a gift
            "Kim Jong Un on Monday asked Li Yuanchao to convey his warm greetings to Xi Jinping. Putin "
            "presented a Russian-made car to Kim Jong Un on Sunday.",
            "KCNA",
            [
                ("message", ("PRK",), ("CHN",), "2025-04-28", None, None, False),
                ("message", ("RUS",), ("PRK",), "2025-04-27", None, None, False),
            ],
        ),
        (  # thanks conveyed to someone are a message, "thanks to" is not
            "Kim Yo Jong on Monday conveyed thanks to the Russian leadership. The ties grew stronger thanks to "
            "the efforts of the two sides.",
            "KCNA",
            [("message", ("PRK",), ("RUS",), "2025-04-28", None, None, False)],
        ),
        (  # books presented are aid, as the guideline's annotators read them
            "Korean books presented to India",
            "KCNA",
            [("support", ("PRK",), ("IND",), "2025-04-28", None, None, False)],
        ),
    ],
)
def test_reactions_gifts_and_vetoes(report, body, source, expected):
    title = body if "." not in body else None
    assert report(body, "2025-04-28", title=title, source=source) == expected


def test_those_a_condemned_act_was_done_to_are_not_condemned(report):
    body = (
        '"We condemn the DPRK for providing Russia with this military equipment," White House spokesman John '
        "Kirby told reporters on Friday."
    )
    found = report(body, "2023-10-13", source="AP")
    assert [e for e in found if e[0] == "criticism"] == [
        ("criticism", ("USA",), ("PRK",), "2023-10-13", None, None, False),
    ]


def test_those_a_condemned_act_was_done_with_are_condemned_too(report):
    body = (
        "The association on Friday denounced the Lee Myung Bak regime for resorting to sabotage against the "
        "DPRK in collaboration with the U.S."
    )
    found = report(body, "2012-08-24")
    assert [e for e in found if e[0] == "criticism"] == [
        ("criticism", ("PRK",), ("KOR", "USA"), "2012-08-24", None, None, False),
    ]


def test_a_possessive_in_what_someone_did_is_the_doers(report):
    body = (
        "Vladimir Putin presented a car to Kim Jong Un on Sunday.\n\n"
        "On behalf of Kim Jong Un, Kim Yo Jong conveyed his thanks to the Russian leadership on Monday."
    )
    assert report(body, "2024-02-20") == [
        ("message", ("PRK",), ("RUS",), "2024-02-19", None, None, False),
        ("message", ("RUS",), ("PRK",), "2024-02-18", None, None, False),
    ]


def test_arriving_back_home_is_no_visit_to_the_dateline(report):
    body = (
        "SEOUL, Jan. 10 (Yonhap) -- North Korean leader Kim Jong-un arrived back in Pyongyang on Thursday, state "
        "media reported."
    )
    assert report(body, "2019-01-10", source="Yonhap") == []


def test_states_named_together_as_the_doers_acted_as_one(report):
    body = (
        "UNITED NATIONS, May 26 (AP) - China and Russia on Thursday vetoed a U.S.-drafted resolution that "
        "would have tightened sanctions on North Korea.\n\n"
        "North Korea test-fired a ballistic missile on Wednesday. Washington, Tokyo and Seoul condemned the "
        "launch."
    )
    assert report(body, "2022-05-26", source="AP") == [
        ("criticism", ("JPN", "KOR", "USA"), ("PRK",), "2022-05-26", None, None, False),
        ("rejection", ("CHN", "RUS"), ("USA",), "2022-05-26", None, None, False),
        ("weapons_test", ("PRK",), (), "2022-05-25", None, None, False),
    ]


def test_states_each_telling_their_own_act_stay_apart(report):
    body = "BEIJING, Dec 12 (AFP) - North Korea launched a long-range rocket on Wednesday. China and Russia said they regretted the launch."
    assert report(body, "2012-12-12", source="AFP") == [
        ("criticism", ("CHN",), ("PRK",), "2012-12-12", None, None, False),
        ("criticism", ("RUS",), ("PRK",), "2012-12-12", None, None, False),
        ("weapons_test", ("PRK",), (), "2012-12-12", None, None, False),
    ]


def test_a_kcna_list_of_states_stays_one_event_each(report):
    body = "Personages of Russia and Nepal issued statements supporting the DPRK's stand on Sunday."
    assert report(body, "2012-04-16") == [
        ("support", ("NPL",), ("PRK",), "2012-04-15", None, None, False),
        ("support", ("RUS",), ("PRK",), "2012-04-15", None, None, False),
    ]


def test_a_vote_for_sanctions_criticises_the_state_they_are_on(report):
    body = (
        "UNITED NATIONS, March 7 (Reuters) - The U.N. Security Council on Thursday adopted a resolution "
        "imposing tougher sanctions on North Korea over its third nuclear test, with China, the North's "
        "closest ally, voting in favor of the measures.\n\n"
        "Russia also voted for the resolution."
    )
    assert report(body, "2013-03-07", source="Reuters") == [
        ("criticism", ("CHN",), ("PRK",), "2013-03-07", None, None, False),
        ("criticism", ("RUS",), ("PRK",), "2013-03-07", None, None, False),
        ("weapons_test", ("PRK",), (), "2013-03-07", None, None, False),
    ]


def test_states_that_both_voted_each_voted(report):
    body = (
        "North Korea conducted its fourth nuclear test on Jan. 6, in what US officials called a grave "
        "provocation.\n\nChina and Russia both voted in favor of the sanctions."
    )
    assert report(body, "2016-03-03", source="Reuters") == [
        ("criticism", ("CHN",), ("PRK",), "2016-03-03", None, None, False),
        ("criticism", ("RUS",), ("PRK",), "2016-03-03", None, None, False),
        ("weapons_test", ("PRK",), (), "2016-01-06", None, None, False),
    ]


def test_what_officials_called_something_is_no_hedge(report):
    body = (
        "The council imposed what US officials called the toughest sanctions in two decades in response to "
        "North Korea's fourth nuclear test on Jan. 6."
    )
    assert report(body, "2016-03-03", source="Reuters") == [
        ("weapons_test", ("PRK",), (), "2016-01-06", None, None, False),
    ]


def test_a_relative_clause_the_parser_hung_elsewhere_is_the_named_states(report):
    body = (
        "A spokesperson of the Chinese Foreign Ministry voiced strong opposition to the U.S. which "
        "unilaterally internationalized the application of sanctions on Iran and imposed sanctions on "
        "Chinese companies."
    )
    assert report(body, "2012-01-28") == [
        ("criticism", ("CHN",), ("USA",), "2012-01-28", None, None, False),
        ("criticism", ("USA",), ("CHN",), "2012-01-28", None, None, False),
    ]


def test_greetings_conveyed_at_a_meeting_go_to_the_other_side(report):
    body = (
        "SEOUL, Aug. 3 (Yonhap) -- North Korean leader Kim Jong-un received Wang Jiarui, head of the Chinese "
        "Communist Party's International Department, in Pyongyang on Thursday, state media said.\n\n"
        "Wang conveyed greetings from the Chinese leadership. He was greeted at the airport by officials."
    )
    assert report(body, "2012-08-03", source="Yonhap") == [
        ("meeting", ("CHN", "PRK"), (), "2012-08-02", None, None, False),
        ("message", ("CHN",), ("PRK",), "2012-08-02", None, None, False),
        ("visit", ("CHN",), ("PRK",), "2012-08-02", None, None, False),
    ]


def test_the_day_a_report_came_out_dates_nothing_after_it(report):
    body = (
        "BEIJING, Aug. 27 (Yonhap) -- North Korean leader Kim Jong-il met Chinese State Councilor Dai Bingguo "
        "on Friday in Heilongjiang Province, China's Xinhua News Agency reported Saturday.\n\n"
        "Dai conveyed the sincere greetings of President Hu Jintao."
    )
    assert report(body, "2011-08-27", source="Yonhap") == [
        ("meeting", ("CHN", "PRK"), (), "2011-08-26", None, None, False),
        ("message", ("CHN",), ("PRK",), "2011-08-26", None, None, False),
    ]


def test_a_state_that_sent_no_delegation_to_the_setting_told_before_is_a_reported_absence(report):
    body = (
        "SEOUL, Dec. 29 (Yonhap) -- North Korea held a funeral procession for Kim Jong-il in Pyongyang on "
        "Wednesday.\n\n"
        "Not even China, the North's closest ally, sent an official delegation to the funeral. Moscow sent no "
        "government delegation to the ceremony either."
    )
    assert report(body, "2011-12-29", source="Yonhap") == [
        ("visit", ("CHN",), ("PRK",), "2011-12-28", None, None, True),
    ]
    body = "Russia sent a government delegation to the celebrations in Pyongyang on Friday."
    assert report(body, "2025-10-11", source="Reuters") == [
        ("visit", ("RUS",), ("PRK",), "2025-10-10", None, None, False),
    ]


def test_kcnas_day_of_the_month_dates_the_event(report):
    body = (
        "A delegation of the Military Academy of the General Staff of the Armed Forces of the Russian "
        "Federation arrived in Pyongyang on the 18th."
    )
    assert report(body, "2024-11-21") == [("visit", ("RUS",), ("PRK",), "2024-11-18", None, None, False)]


def test_a_visit_under_way_and_greetings_an_envoy_is_asked_to_convey(report):
    body = (
        "Kim Jong Un met Vyacheslav Volodin, speaker of the State Duma of the Russian Federation, on August 14. "
        "Volodin is on a congratulatory visit to the DPRK at the head of a State Duma delegation.\n\n"
        "Volodin conveyed to Kim Jong Un a letter sent by Putin.\n\n"
        "Expressing thanks, Kim Jong Un asked Volodin to convey his warm greetings to President Putin."
    )
    assert report(body, "2025-08-15") == [
        ("meeting", ("PRK", "RUS"), (), "2025-08-14", None, None, False),
        ("message", ("PRK",), ("RUS",), "2025-08-14", None, None, False),
        ("message", ("RUS",), ("PRK",), "2025-08-14", None, None, False),
        ("visit", ("RUS",), ("PRK",), "2025-08-14", None, None, False),
    ]


def test_a_parade_watched_abroad_marks_the_hosts_day_the_story_told_of(report):
    body = (
        "BEIJING, Sept. 4 (Xinhua) -- Kim Jong Un is in China for the commemorations marking the 80th "
        "anniversary of the victory of the Chinese People's War of Resistance Against Japanese Aggression. On "
        "Wednesday he watched the grand military parade at Tian'anmen Square together with Xi."
    )
    found = report(body, "2025-09-04", source="Xinhua")
    assert ("commemoration", ("PRK",), ("CHN",), "2025-09-03", "1945-09-03", 80, False) in found
    assert report("Kim Jong Un watched the military parade in Pyongyang on Thursday.", "2025-10-11") == []


def test_a_message_to_the_gathering_told_before_and_to_him_named_earlier_in_the_sentence(report):
    body = (
        "North Korea's Seventh Party Congress wrapped up on Monday.\n\n"
        "The Central Committee of the Communist Party of China sent a congratulatory message to the congress "
        "last Friday.\n\n"
        "On Monday, after Kim Jong Un was elected to the newly created post of chairman of the Workers' Party of "
        "Korea (WPK), Chinese President Xi Jinping sent him a message of congratulations."
    )
    assert report(body, "2016-05-10", source="Daily NK") == [
        ("message", ("CHN",), ("PRK",), "2016-05-06", None, None, False),
        ("message", ("CHN",), ("PRK",), "2016-05-09", None, None, False),
    ]


def test_spokespeople_and_envoys_named_alone_stand_for_their_states(report):
    body = (
        "BEIJING, Dec 12 (AFP) - North Korea launched a rocket on Wednesday.\n\n"
        "Hua Chunying expressed regret over the launch. John Kirby condemned the launch."
    )
    assert report(body, "2012-12-12", source="AFP") == [
        ("criticism", ("CHN",), ("PRK",), "2012-12-12", None, None, False),
        ("criticism", ("USA",), ("PRK",), "2012-12-12", None, None, False),
        ("weapons_test", ("PRK",), (), "2012-12-12", None, None, False),
    ]


def test_what_a_state_denounced_by_another_name_is_the_thing_named(report):
    body = (
        "UNITED NATIONS, March 7 (Reuters) - North Korea's foreign ministry on Thursday denounced what it "
        "called a hostile move led by Washington."
    )
    assert report(body, "2013-03-07", source="Reuters") == [
        ("criticism", ("PRK",), ("USA",), "2013-03-07", None, None, False),
    ]


def test_meetings_of_one_pair_on_one_day_with_other_people_are_two(report):
    body = (
        "PYONGYANG, Nov 30 (Reuters) - Russian Defence Minister Andrei Belousov held talks with his North "
        "Korean counterpart No Kwang Chol in Pyongyang on Friday.\n\n"
        "Kim Jong Un received Belousov and his delegation in the evening, state media said."
    )
    meeting = ("meeting", ("PRK", "RUS"), (), "2024-11-29", None, None, False)
    assert report(body, "2024-11-30", source="Reuters") == [
        meeting,
        meeting,
        ("visit", ("RUS",), ("PRK",), "2024-11-29", None, None, False),
    ]


def test_one_meeting_told_again_with_a_shortened_name_stays_one(report):
    body = (
        "BEIJING, May 5 (Reuters) - North Korean leader Kim Jong Il held talks with Chinese Premier Wen "
        "Jiabao in Beijing on Tuesday.\n\n"
        "Wen met Kim at a state guesthouse and hosted a banquet for him, Xinhua said."
    )
    assert report(body, "2010-05-05", source="Reuters") == [
        ("meeting", ("CHN", "PRK"), (), "2010-05-04", None, None, False),
        ("visit", ("PRK",), ("CHN",), "2010-05-04", None, None, False),
    ]


def test_messages_exchanged_by_other_people_of_the_pair_the_same_day_are_more_messages(report):
    body = (
        "BEIJING, July 11 (Xinhua) -- Chinese President Xi Jinping and DPRK leader Kim Jong Un exchanged "
        "messages of greetings on Sunday.\n\n"
        "Foreign Minister Wang Yi and his DPRK counterpart Ri Son Gwon also exchanged messages of greetings."
    )
    to_prk = ("message", ("CHN",), ("PRK",), "2021-07-11", None, None, False)
    to_chn = ("message", ("PRK",), ("CHN",), "2021-07-11", None, None, False)
    assert report(body, "2021-07-11", source="Xinhua") == [to_prk, to_prk, to_chn, to_chn]


def test_a_similar_message_sent_marks_what_the_last_message_marked(report):
    body = (
        "Pyongyang, October 1 (KCNA) -- Kim Yong Nam sent a message of greeting to Hu Jintao on the 63rd "
        "anniversary of the founding of the People's Republic of China.\n\n"
        "On the same day Premier Choe Yong Rim sent a similar message to Wen Jiabao."
    )
    greeting = ("message", ("PRK",), ("CHN",), "2012-10-01", "1949-10-01", 63, False)
    assert report(body, "2012-10-01", source="KCNA") == [greeting, greeting]


def test_a_vote_in_favor_is_aimed_at_the_state_the_sanctions_told_before_punish(report):
    body = (
        "SEOUL, June 13 (Yonhap) -- North Korea said Saturday it would enrich uranium, rejecting a fresh U.N. "
        "Security Council resolution that punishes it for last month's nuclear test.\n\n"
        "Russia, a traditional ally of Pyongyang, voted in favor on Friday after weeks of haggling."
    )
    assert ("criticism", ("RUS",), ("PRK",), "2009-06-12", None, None, False) in report(
        body, "2009-06-13", source="Yonhap"
    )


def test_a_day_the_parser_hung_on_a_participle_is_the_main_verbs_and_the_headlines_anniversary_gives_way(
    report,
):
    title = "Kim pays tribute at Chinese war cemetery on 75th anniversary of China's entry into Korean War"
    body = (
        "North Korean leader Kim Jong-un visited a cemetery for Chinese soldiers killed in the 1950-53 Korean War "
        "on Friday to mark the 75th anniversary of China's entry into the conflict, state media said."
    )
    assert report(body, "2025-10-27", source="The Korea Herald", title=title) == [
        ("commemoration", ("PRK",), ("CHN",), "2025-10-24", "1950-10-25", 75, False),
    ]


def test_a_date_before_an_event_noun_is_that_events_not_the_verbs(report):
    body = (
        "UNITED NATIONS, Sept 13 (Reuters) - North Korea conducted its sixth nuclear test on Sept. 3.\n\n"
        "China's envoy Liu Jieyi said Beijing strongly condemned the Sept. 3 test."
    )
    assert report(body, "2017-09-13", source="Reuters") == [
        ("criticism", ("CHN",), ("PRK",), "2017-09-13", None, None, False),
        ("weapons_test", ("PRK",), (), "2017-09-03", None, None, False),
    ]


def test_what_a_leader_called_a_test_is_no_test_of_his_and_adjectives_coordinated_are_both_owners(report):
    body = (
        "SEOUL, Sept 13 (Yonhap) -- North Korea conducted its sixth nuclear test on Sept. 3.\n\n"
        "Russian President Vladimir Putin called the nuclear test a provocation.\n\n"
        "On Aug. 5, the council, with Chinese and Russian support, banned the North's exports of coal."
    )
    events = report(body, "2017-09-13", source="Yonhap")
    assert ("weapons_test", ("PRK",), (), "2017-09-03", None, None, False) in events
    assert not [e for e in events if e[0] == "weapons_test" and e[1] != ("PRK",)]
    assert not [e for e in events if e[0] == "support"]


def test_what_a_spokesman_said_on_a_day_is_his_states_criticism_of_that_day(report):
    body = (
        "BEIJING, Sept 13 (Reuters) - North Korea conducted its sixth nuclear test on Sept. 3. China's envoy Liu "
        "Jieyi said Beijing strongly opposed the test.\n\n"
        "In Beijing, Foreign Ministry spokesman Geng Shuang said Tuesday that the North had severely violated "
        "Security Council resolutions with its latest test."
    )
    criticisms = [e for e in report(body, "2017-09-13", source="Reuters") if e[0] == "criticism"]
    assert criticisms == [("criticism", ("CHN",), ("PRK",), "2017-09-12", None, None, False)]


def test_a_korean_given_name_hyphenated_either_way_is_the_same_person(report):
    body = (
        "SEOUL, April 24, 2009 (AFP) - Russian Foreign Minister Sergei Lavrov laid a wreath at the Liberation "
        "Monument on Thursday, before holding talks with his counterpart Pak Ui-Chun."
    )
    assert report(body, "2009-04-24", source="AFP") == [
        ("commemoration", ("RUS",), ("PRK",), "2009-04-23", None, None, False),
        ("meeting", ("PRK", "RUS"), (), "2009-04-23", None, None, False),
    ]


def test_a_dateline_with_the_year_is_when_the_story_was_filed_not_when_its_event_happened(report):
    body = (
        "SEOUL, April 24, 2009 (AFP) - Russian Foreign Minister Sergei Lavrov held talks with North Korean "
        "officials in Pyongyang on Thursday."
    )
    assert report(body, "2009-04-24", source="AFP") == [
        ("meeting", ("PRK", "RUS"), (), "2009-04-23", None, None, False),
        ("visit", ("RUS",), ("PRK",), "2009-04-23", None, None, False),
    ]


def test_an_arrival_with_no_place_is_where_the_visit_told_before_went_and_dates_what_follows_it(report):
    body = (
        "SEOUL, April 24, 2009 (AFP) - Russian Foreign Minister Sergei Lavrov wrapped up a two-day visit to "
        "North Korea on Friday.\n\n"
        "After arriving on Thursday, Lavrov paid his respects at the Kumsusan mausoleum."
    )
    events = report(body, "2009-04-24", source="AFP")
    assert ("commemoration", ("RUS",), ("PRK",), "2009-04-23", None, None, False) in events
    assert not [e for e in events if "KOR" in e[2]]


def test_visiting_read_as_a_clause_of_the_verb_before_it_is_still_the_guests_visit(report):
    body = (
        "BEIJING (AP) - North Korean leader Kim Jong Il told visiting Chinese Premier Wen Jiabao that his "
        "country is ready to return to the talks, state media reported Tuesday."
    )
    visits = [e for e in report(body, "2009-10-06", source="AP") if e[0] == "visit"]
    assert visits == [("visit", ("CHN",), ("PRK",), "2009-10-06", None, None, False)]


def test_an_expected_meeting_and_a_forum_walked_out_of_are_no_meetings(report):
    body = (
        "SEOUL, June 13 (Yonhap) -- North Korea detonated its second nuclear device on May 25. In between, it "
        "walked out of the six-party denuclearization talks involving the two Koreas, the U.S., China, Japan "
        "and Russia.\n\n"
        "Observers say Xi wants to show his influence over Pyongyang ahead of an expected meeting with US "
        "President Donald Trump."
    )
    assert [e for e in report(body, "2009-06-13", source="Yonhap") if e[0] == "meeting"] == []


def test_a_planned_launch_is_no_test_but_opposing_it_criticises_the_planner(report):
    title = "S. Korean newspaper on DPRK's planned satellite launch"
    body = "Japan opposed to it, the paper said."
    events = report(body, "2012-04-06", source="KCNA", title=title)
    assert [e for e in events if e[0] == "weapons_test"] == []
    assert ("criticism", ("JPN",), ("PRK",), "2012-04-06", None, None, False) in events


def test_a_visiting_delegation_at_an_event_abroad_visits_where_the_event_was(report):
    body = (
        "SEOUL, Oct 27 (Reuters) - Chinese Ambassador Wang Yajun hosted a reception at the embassy in Pyongyang "
        "attended by a visiting delegation of the Chinese People's Liberation Army, state media said."
    )
    visits = [e for e in report(body, "2025-10-27", source="Reuters") if e[0] == "visit"]
    assert visits == [("visit", ("CHN",), ("PRK",), "2025-10-27", None, None, False)]


def test_an_event_a_day_after_another_is_dated_from_it(report):
    body = (
        "BEIJING, Sept 30 -- North Korean Foreign Minister Choe Son Hui met Chinese Premier Li Qiang in Beijing "
        "on Monday.\n\n"
        "The meeting came a day after Choe's talks with Foreign Minister Wang Yi."
    )
    meetings = [e for e in report(body, "2025-09-30", source="Nikkei Asia") if e[0] == "meeting"]
    assert meetings == [
        ("meeting", ("CHN", "PRK"), (), "2025-09-28", None, None, False),
        ("meeting", ("CHN", "PRK"), (), "2025-09-29", None, None, False),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a week is seven days
            "SEOUL, June 19 (Yonhap) -- North Korean leader Kim Jong-un arrived in Beijing on Tuesday, a week after "
            "his summit with U.S. President Donald Trump in Singapore.",
            [("meeting", ("PRK", "USA"), (), "2018-06-12", None, None, False)],
        ),
        (  # a rough span dates nothing: the summit keeps the day of the sentence's main event
            "SEOUL, June 19 (Yonhap) -- North Korean leader Kim Jong-un arrived in Beijing on Tuesday, less than "
            "two weeks after his summit with U.S. President Donald Trump in Singapore.",
            [("meeting", ("PRK", "USA"), (), "2018-06-19", None, None, False)],
        ),
    ],
)
def test_an_event_weeks_after_another_is_dated_from_it(report, body, expected):
    assert [e for e in report(body, "2018-06-19", source="Yonhap") if e[0] == "meeting"] == expected


def test_an_event_a_day_after_a_clause_is_dated_from_it(report):
    """ "The vote came a day after North Korea fired three missiles": the count hangs from the clause's verb."""
    body = (
        "UNITED NATIONS (AP) - China and Russia on Thursday vetoed a U.S.-drafted resolution on North Korea.\n\n"
        "The vote came a day after North Korea fired three ballistic missiles."
    )
    tests = [e for e in report(body, "2022-05-27", source="AP") if e[0] == "weapons_test"]
    assert tests == [("weapons_test", ("PRK",), (), "2022-05-25", None, None, False)]


def test_the_one_a_blamed_body_acted_on_is_no_party_to_the_criticism_whatever_the_body_is_called(report):
    body = "TOKYO, Oct 3 (Reuters) - Japan denounced the Chinese government for supporting North Korea."
    criticisms = [e for e in report(body, "2024-10-03", source="Reuters") if e[0] == "criticism"]
    assert criticisms == [("criticism", ("JPN",), ("CHN",), "2024-10-03", None, None, False)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "MOSCOW, Nov 13 (Reuters) - North Korea was condemned by Japan on Tuesday.",
            [("criticism", ("JPN",), ("PRK",), "2015-11-10", None, None, False)],
        ),
        (
            "SEOUL, Nov 13 (Reuters) - The Russian minister was met by Kim Jong Un on Tuesday.",
            [("meeting", ("PRK", "RUS"), (), "2015-11-10", None, None, False)],
        ),
        (
            # the active verb joined to the passive is done by the passive's subject, not by its 'by'
            "SEOUL, Nov 13 (Yonhap) -- The Russian delegation was received by Kim Yong Nam on Tuesday and laid a "
            "wreath at the Liberation Tower in Pyongyang.",
            [
                ("commemoration", ("RUS",), ("PRK",), "2015-11-10", None, None, False),
                ("meeting", ("PRK", "RUS"), (), "2015-11-10", None, None, False),
                ("visit", ("RUS",), ("PRK",), "2015-11-10", None, None, False),
            ],
        ),
    ],
)
def test_a_passive_with_its_doer_named_by_by_has_its_subject_as_the_one_acted_on(report, body, expected):
    assert report(body, "2015-11-13", source="Reuters") == expected


def test_a_person_the_gazetteer_does_not_know_takes_the_state_of_a_post_in_apposition(report):
    body = (
        "SEOUL, Nov 13 (Yonhap) -- Col. Gen. Nikolai Bogdanovsky, first deputy chief of the General Staff of the "
        "Russian Armed Forces, arrived in Pyongyang on Monday.\n\n"
        "Bogdanovsky held talks with Foreign Minister Ri Su Yong on Tuesday."
    )
    meetings = [e for e in report(body, "2015-11-13", source="Yonhap") if e[0] == "meeting"]
    assert meetings == [("meeting", ("PRK", "RUS"), (), "2015-11-10", None, None, False)]
    # the apposition may come later, after the name said again
    body = (
        "SEOUL, Feb 20 (Reuters) - Vice Foreign Minister Liu Zhenmin held talks with Foreign Minister Pak Ui Chun "
        "in Pyongyang on Tuesday.\n\n"
        "Liu, the most senior Chinese official known to have visited North Korea since December, flew on to "
        "Seoul on Wednesday."
    )
    meetings = [e for e in report(body, "2014-02-20", source="Reuters") if e[0] == "meeting"]
    assert meetings == [("meeting", ("CHN", "PRK"), (), "2014-02-18", None, None, False)]


def test_a_name_in_apposition_to_a_post_takes_the_posts_state(report):
    # "Russia's envoy, Igor Tomsky, ...": the name stands after its post; said again alone, it is that state's
    body = (
        "GENEVA, March 4 (Reuters) - The disarmament conference ended its session on Wednesday.\n\n"
        "Minutes after the vote, Russia's envoy, Igor Tomsky, walked out of the hall. Tomsky blamed Japan's "
        "pressure for the failure and said the talks were over."
    )
    blamed = [e for e in report(body, "2015-03-04", source="Reuters") if e[0] == "criticism"]
    assert blamed == [("criticism", ("RUS",), ("JPN",), "2015-03-04", None, None, False)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "BEIJING, June 5 (Reuters) - China and North Korea have signed a deal on customs cooperation, "
            "Chinese state media said on Friday.\n\n"
            "The deal was signed in Beijing on Wednesday by a deputy minister of commerce, Xinhua said.",
            [("agreement", ("CHN", "PRK"), (), "2015-06-03", None, None, False)],
        ),
        (
            "SEOUL, June 5 (Yonhap) -- North Korea and Russia have agreed to expand air links, the Russian "
            "embassy said on Friday.\n\n"
            "The agreement was reached in Pyongyang on Tuesday at the end of three days of talks.",
            [("agreement", ("PRK", "RUS"), (), "2015-06-02", None, None, False)],
        ),
    ],
)
def test_the_event_of_the_lead_named_again_as_the_noun_of_its_kind_gives_its_day(report, body, expected):
    assert report(body, "2015-06-05", source="Reuters") == expected


def test_the_dprks_ministry_of_the_peoples_armed_forces_is_the_dprks(report):
    body = (
        "SEOUL, Nov. 13 (Yonhap) -- A Russian military delegation was received on Thursday by Minister of the "
        "People's Armed Forces Pak Yong-sik, the North's state media said."
    )
    assert report(body, "2015-11-13", source="Yonhap") == [
        ("meeting", ("PRK", "RUS"), (), "2015-11-12", None, None, False),
        ("visit", ("RUS",), ("PRK",), "2015-11-12", None, None, False),
    ]


def test_a_later_undated_deed_of_the_headlines_actor_takes_the_leads_day_past_a_background_date(report):
    """The lead only promises ("pledged on Saturday that the North would support ..."), so its event is the
    headline's; a background date between ("the treaty signed last June") does not end the day the lead told."""
    title = "Kim vows support for Russia on visit to defence ministry"
    body = (
        "Kim Jong Un pledged on Saturday that North Korea would invariably support Russia in its war.\n\n"
        "He spoke of the treaty signed with Moscow last June.\n\n"
        "Kim denounced the military exercises of the United States."
    )
    events = report(body, "2025-02-09", source="NK News", title=title)
    assert ("criticism", ("PRK",), ("USA",), "2025-02-08", None, None, False) in events


@pytest.mark.parametrize(
    ("body", "published", "source", "expected"),
    [
        (
            "BEIJING, July 11 (Xinhua) -- Chinese President Xi Jinping said on Sunday that he was ready to "
            "strengthen communication with Kim Jong Un and that China firmly supports the DPRK in developing "
            "its economy.",
            "2021-07-11",
            "Xinhua",
            ("support", ("CHN",), ("PRK",), "2021-07-11", None, None, False),
        ),
        (
            "MOSCOW, Oct. 19 (Reuters) - North Korean Foreign Minister Choe Son Hui said on Thursday that the "
            "DPRK would always stand by its friends and fully supports Russia's special military operation.",
            "2023-10-19",
            "Reuters",
            ("support", ("PRK",), ("RUS",), "2023-10-19", None, None, False),
        ),
    ],
)
def test_a_second_reported_verb_with_a_tense_of_its_own_is_reported_and_not_hedged(
    report, body, published, source, expected
):
    """ "said ... and that China firmly supports": the present tense is what was said, not a habit; "would
    always stand by ... and fully supports": the modal of the first verb does not reach a verb with its own
    tense."""
    assert expected in report(body, published, source=source)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "SEOUL, Jan 27 (Reuters) - Kim Yo Jong, the sister of North Korean leader Kim Jong Un, on Friday "
            "condemned the U.S. decision to send Abrams battle tanks to Ukraine.",
            ("criticism", ("PRK",), ("USA",), "2023-01-27", None, None, False),
        ),
        (
            "SEOUL, Jan 27 (Reuters) - North Korea on Friday accused the United States and its Western allies "
            "of deliberately prolonging the war in pursuit of a dream of dealing Russia a strategic setback.",
            ("criticism", ("PRK",), ("USA",), "2023-01-27", None, None, False),
        ),
    ],
)
def test_what_the_criticised_state_did_and_to_whom_names_no_other_target(report, body, expected):
    """The state of "the U.S. decision to send tanks to Ukraine" is criticised, not Ukraine; nor is Russia, to
    which the reason for an accusation was done, however deep in the reason it is named."""
    assert report(body, "2023-01-27", source="Reuters") == [expected]


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "Japanese Prime Minister Shinzo Abe told reporters that the test was unacceptable.",
            ("criticism", ("JPN",), ("PRK",), "2016-09-09", None, None, False),
        ),
        (
            "A Chinese foreign ministry spokesman told reporters the test was irresponsible.",
            ("criticism", ("CHN",), ("PRK",), "2016-09-09", None, None, False),
        ),
        (
            "Russia's foreign ministry said the test was a grave violation of U.N. resolutions.",
            ("criticism", ("RUS",), ("PRK",), "2016-09-09", None, None, False),
        ),
    ],
)
def test_an_event_said_to_be_hostile_is_criticism_of_its_doer(report, said, expected):
    """What a speaker of one state said the event told before was ("unacceptable", "a grave violation")
    criticises the state that did it."""
    body = f"SEOUL, Sept 9 (Reuters) - North Korea conducted a nuclear test on Friday.\n\n{said}"
    events = report(body, "2016-09-09", source="Reuters")
    assert expected in events
    assert [e for e in events if e[0] == "criticism"] == [expected]


def test_a_side_that_includes_the_speakers_own_state_is_not_accused(report):
    """ "Wang told reporters China and Russia opposed new sanctions": said of the speaker's own side, not an
    accusation of Russia."""
    body = (
        "BEIJING, Sept 9 (Reuters) - Chinese Foreign Minister Wang Yi told reporters on Friday that China and "
        "Russia opposed new sanctions on North Korea."
    )
    events = report(body, "2016-09-09", source="Reuters")
    assert not [e for e in events if e[0] == "criticism" and "RUS" in e[2]]


def test_what_a_state_calls_its_own_names_that_state(report):
    """ "support for what Moscow calls its special military operation": the thing is Moscow's, so Moscow is
    supported."""
    body = (
        "SEOUL, July 18 (Reuters) - Kim Jong Un on Thursday reaffirmed the North's strong support for what "
        "Moscow calls its special military operation in Ukraine."
    )
    assert report(body, "2024-07-18", source="Reuters") == [
        ("support", ("PRK",), ("RUS",), "2024-07-18", None, None, False)
    ]


def test_a_reception_on_the_occasion_marks_the_anniversary_told_before(report):
    """ "hosted a reception on the occasion": the occasion named again is the anniversary the lead told, so
    the reception marks it (a commemoration, not a plain meeting)."""
    body = (
        "SEOUL, Oct. 6 (Yonhap) -- North Korean leader Kim Jong-un and Chinese President Xi Jinping exchanged "
        "congratulatory messages Sunday to mark the 70th anniversary of the establishment of diplomatic "
        "relations between their countries.\n\n"
        "Separately, the Chinese embassy in Pyongyang hosted a reception on the occasion."
    )
    events = report(body, "2019-10-06", source="Yonhap")
    assert ("commemoration", ("CHN",), ("PRK",), "2019-10-06", "1949-10-06", 70, False) in events
    assert not [e for e in events if e[0] == "meeting"]


def test_an_anniversary_named_with_a_possessive_is_the_one_the_data_names_with_of(report):
    """ "the 80th anniversary of the WPK's founding" is the founding of the WPK (seeds/anniversaries.toml
    names it "founding of the party", "WPK")."""
    body = (
        "PYONGYANG, Oct. 9 (Xinhua) -- Chinese Premier Li Qiang on Thursday conveyed warm congratulations to Kim "
        "Jong Un on the 80th anniversary of the WPK's founding."
    )
    assert report(body, "2025-10-09", source="Xinhua") == [
        ("message", ("CHN",), ("PRK",), "2025-10-09", "1945-10-10", 80, False)
    ]


TREATY_WEEK = (
    "SEOUL, July 13 (Yonhap) -- North Korea and China celebrated the 50th anniversary of the treaty of "
    "friendship, cooperation and mutual assistance between China and the DPRK this week.\n\n"
)


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # two days before the treaty's day (July 11): made for it
        (
            TREATY_WEEK
            + "A Chinese government delegation led by Vice Premier Zhang Dejiang arrived in Pyongyang "
            "on Saturday.",
            "2011-07-13",
            ("visit", ("CHN",), ("PRK",), "2011-07-09", "1961-07-11", 50, False),
        ),
        # a month before: another journey
        (
            TREATY_WEEK
            + "A Chinese government delegation led by Vice Premier Zhang Dejiang arrived in Pyongyang "
            "on June 11.",
            "2011-07-13",
            ("visit", ("CHN",), ("PRK",), "2011-06-11", None, None, False),
        ),
        # a message two days before the Party's day (October 10)
        (
            "SEOUL, Oct. 9 (Yonhap) -- North Korea will mark the 80th founding anniversary of the Workers' Party "
            "of Korea on Friday with a military parade.\n\n"
            "Chinese President Xi Jinping sent a message of greetings to Kim Jong Un on Wednesday, state media "
            "said.",
            "2025-10-09",
            ("message", ("CHN",), ("PRK",), "2025-10-08", "1945-10-10", 80, False),
        ),
        # a wreath two days before the CPV's entry (October 25)
        (
            "SEOUL, Oct. 25 (Yonhap) -- North Korea marked the 70th anniversary of the Chinese People's "
            "Volunteers' entry into the Korean War on Sunday.\n\n"
            "On Friday, Chinese Ambassador Li Jinjun laid a wreath at the Friendship Tower in Pyongyang.",
            "2020-10-25",
            ("commemoration", ("CHN",), ("PRK",), "2020-10-23", "1950-10-25", 70, False),
        ),
    ],
)
def test_an_event_in_the_days_before_an_anniversary_the_story_names_is_made_for_it(
    report, body, published, expected
):
    """A visit, message or commemoration between the anniversary's states, up to two weeks before its day
    (kind option `for_the_occasion`)."""
    assert expected in report(body, published, source="Yonhap")


def test_the_victory_in_the_korean_war_is_the_armistice(report):
    """North Korea's Victory Day is the armistice's day (seeds/anniversaries.toml)."""
    body = (
        "PYONGYANG, July 26 (TASS) - A Russian military delegation led by Defense Minister Sergei Shoigu arrived "
        "in Pyongyang on Tuesday to attend events marking the 70th anniversary of the victory in the Korean War."
    )
    events = report(body, "2023-07-26", source="TASS")
    assert ("visit", ("RUS",), ("PRK",), "2023-07-25", "1953-07-27", 70, False) in events


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a vote is cast by each state, though the wire names them together
            "UNITED NATIONS, March 3 (Reuters) - The Security Council on Thursday adopted a resolution that "
            "punishes North Korea for its nuclear test. China and Russia voted in favor.",
            [
                ("criticism", ("CHN",), ("PRK",), "2016-03-03", None, None, False),
                ("criticism", ("RUS",), ("PRK",), "2016-03-03", None, None, False),
            ],
        ),
        (  # backing the council's text is a vote for it
            "UNITED NATIONS, March 3 (Reuters) - North Korea fired two missiles on Tuesday. The Security Council "
            "condemned the launches on Thursday. Russia also backed the text, diplomats said.",
            [
                ("weapons_test", ("PRK",), (), "2016-03-01", None, None, False),
                ("criticism", ("RUS",), ("PRK",), "2016-03-03", None, None, False),
            ],
        ),
    ],
)
def test_a_vote_for_a_measure_against_a_state_is_each_voters_criticism(report, body, expected):
    assert sorted(report(body, "2016-03-03", source="Reuters")) == sorted(expected)


def test_summoning_an_envoy_is_a_protest_to_the_envoys_state(report):
    """The purpose clause ("to protest the treaty") is the summons' own protest, not a second one aimed at
    the treaty's parties."""
    body = (
        "SEOUL, June 21 (Reuters) - South Korea summoned the Russian ambassador on Friday to protest the "
        "defence treaty Moscow signed with Pyongyang this week. Seoul had already summoned the Russian envoy on "
        "Monday."
    )
    found = [e for e in report(body, "2024-06-21", source="Reuters") if e[0] == "criticism"]
    assert sorted(found) == [
        ("criticism", ("KOR",), ("RUS",), "2024-06-17", None, None, False),
        ("criticism", ("KOR",), ("RUS",), "2024-06-21", None, None, False),
    ]


def test_a_possessor_opening_a_long_noun_phrase_is_the_nouns(report):
    """The parser hangs "North Korea's" on 'missile', a modifier of 'test': the test is still North Korea's."""
    body = (
        "SEOUL, Aug. 27 (Yonhap) -- The U.N. Security Council on Friday condemned North Korea's latest "
        "submarine-launched ballistic missile (SLBM) test."
    )
    assert ("weapons_test", ("PRK",), ()) in [e[:3] for e in report(body, "2016-08-27", source="Yonhap")]


def test_a_denied_event_is_no_event(report):
    """What a verb of denial denies (grammar `denial_verbs`) did not happen by the teller's word; the denial of
    a proposal is still a rejection, and the proposal's talks no meeting."""
    body = (
        "SEOUL, Nov 8 (Reuters) - North Korea on Tuesday denied that it has ever sold weapons to Russia. It "
        "rejected a U.S. proposal to hold talks."
    )
    assert report(body, "2022-11-08", source="Reuters") == [
        ("rejection", ("PRK",), ("USA",), "2022-11-08", None, None, False)
    ]


def test_a_third_state_at_a_bilateral_anniversary_honours_the_state_whose_day_it_is(report):
    """The armistice is the DPRK's and China's anniversary, the DPRK's day: a Russian delegation attending its
    events honours the DPRK, not China too."""
    body = (
        "PYONGYANG, July 27 (TASS) - A Russian military delegation led by Defense Minister Sergei Shoigu attended "
        "a ceremony in Pyongyang on Thursday marking the 70th anniversary of the armistice."
    )
    found = [e for e in report(body, "2023-07-27", source="TASS") if e[0] == "commemoration"]
    assert found == [("commemoration", ("RUS",), ("PRK",), "2023-07-27", "1953-07-27", 70, False)]


def test_an_infinitive_takes_the_date_of_the_clause_it_completes(report):
    """An infinitive has no time of its own: "the first leader ... to visit" happened when the fronted date
    says, not on the day of the story."""
    body = "BEIJING, Nov 15 (Reuters) - In June, Xi Jinping became the first Chinese leader in 14 years to visit Pyongyang."
    assert ("visit", ("CHN",), ("PRK",), "2019-06", None, None, False) in report(
        body, "2019-11-15", source="Reuters"
    )


def test_sympathy_offered_to_a_people_is_a_message_like_condolences(report):
    body = (
        "SEOUL, Dec. 20 (Yonhap) -- South Korea on Tuesday offered sympathy to the North Korean people over the "
        "death of their leader."
    )
    assert report(body, "2011-12-20", source="Yonhap") == [
        ("message", ("KOR",), ("PRK",), "2011-12-20", None, None, False)
    ]


def test_an_exchange_of_messages_between_two_leaders_is_a_message_each_way(report):
    body = (
        "SEOUL, Oct. 7 (Yonhap) -- North Korean state media reported an exchange of messages between "
        "Kim Jong Un and Chinese President Xi Jinping on Sunday."
    )
    assert report(body, "2024-10-07", source="Yonhap") == [
        ("message", ("CHN",), ("PRK",), "2024-10-06", None, None, False),
        ("message", ("PRK",), ("CHN",), "2024-10-06", None, None, False),
    ]


def test_a_clause_told_next_after_which_has_the_time_of_the_verb_before_it(report):
    """ "..., after which X hosted a luncheon": the parser may hang the clause from the object noun of the
    verb before it; it is the next event of the story, on that verb's day, not the day of the story."""
    body = (
        "PYONGYANG, June 21 (Reuters) - On Tuesday, Putin inspected a large shipyard run by a state company "
        "in an industrial zone in the port's east, after which Kim Jong Un hosted a banquet for the Russian president at a guest house."
    )
    assert ("meeting", ("PRK", "RUS"), (), "2024-06-18", None, None, False) in report(
        body, "2024-06-21", source="Reuters"
    )


def test_two_states_laying_wreaths_together_each_honour_the_other(report):
    """In wire copy, two leaders marking something together with no other state named: each state's homage
    to the other, not one event with two actors and no one honoured."""
    body = (
        "BEIJING, Oct 26 (Reuters) - Chinese Premier Li Qiang and North Korean Premier Pak Thae Song laid "
        "wreaths at the Friendship Tower on Monday."
    )
    assert report(body, "2023-10-26", source="Reuters") == [
        ("commemoration", ("CHN",), ("PRK",), "2023-10-23", None, None, False),
        ("commemoration", ("PRK",), ("CHN",), "2023-10-23", None, None, False),
    ]


def test_an_event_told_in_the_future_has_not_happened_but_a_pledge_is_made_now(report):
    """ "will visit" is a plan (the guideline annotates no future events); "will support" is a statement of
    support made when it was said."""
    planned = (
        "MOSCOW, Oct 3 (Reuters) - Russian Foreign Minister Sergei Lavrov will visit Pyongyang next week."
    )
    assert report(planned, "2023-10-03", source="Reuters") == []
    pledged = (
        "MOSCOW, Oct 3 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Tuesday that Russia will "
        "firmly support North Korea."
    )
    assert report(pledged, "2023-10-03", source="Reuters") == [
        ("support", ("RUS",), ("PRK",), "2023-10-03", None, None, False)
    ]


def test_a_bare_verb_joined_to_a_past_tense_is_a_present_not_an_event(report):
    """The tagger reads "and celebrate" after a past tense as a bare form: a plural present, a position or a
    habit, not a marking told as done."""
    body = (
        "MOSCOW, Oct 3 (Reuters) - Moscow and Pyongyang established diplomatic relations in October 1948 and "
        "celebrate the 75th anniversary of their ties this month."
    )
    assert [e for e in report(body, "2023-10-03", source="Reuters") if e[0] == "commemoration"] == []


def test_a_later_sentence_with_no_date_in_wire_copy_is_of_the_day_the_lead_tells(report):
    """Wire copy is filed a day or two after the news: an event told later with no date of its own, by other
    states than the lead's, happened on the lead's day, not on the day of publication."""
    body = (
        "SEOUL, March 12 (Reuters) - Chinese Foreign Minister Wang Yi held talks with his Russian counterpart "
        "Sergei Lavrov in Beijing on Sunday.\n\n"
        "North Korean leader Kim Jong Un sent a message of greetings to Putin."
    )
    assert report(body, "2024-03-12", source="Reuters") == [
        ("meeting", ("CHN", "RUS"), (), "2024-03-10", None, None, False),
        ("message", ("PRK",), ("RUS",), "2024-03-10", None, None, False),
        ("visit", ("RUS",), ("CHN",), "2024-03-10", None, None, False),
    ]


def test_what_was_done_during_the_meeting_is_of_the_day_of_the_meeting_told_before(report):
    """ "During the meeting" names again the meeting told before: the event takes that meeting's day, even
    where its sides are others than the lead's."""
    body = (
        "Pyongyang, October 11 (KCNA) -- Kim Jong Un met a delegation of the Communist Party of China on "
        "Thursday.\n\n"
        "During the meeting, the head of the delegation handed over a letter from the Vietnamese president to "
        "Kim Jong Un."
    )
    assert ("message", ("VNM",), ("PRK",), "2025-10-09", None, None, False) in report(body, "2025-10-11")


def test_a_past_tense_keeps_its_day_in_a_sentence_that_also_says_will(report):
    """A 'will' elsewhere in the sentence makes its weekdays read forwards for what is planned, not for the verb
    in the past tense: "met ... on Friday", filed on a Friday, is that day, not the next Friday."""
    body = (
        "BEIJING, March 15 (Reuters) - Chinese Premier Li Qiang met North Korean Premier Pak Thae Song on Friday "
        "and said China will always stand with its neighbour."
    )
    assert ("meeting", ("CHN", "PRK"), (), "2024-03-15", None, None, False) in report(
        body, "2024-03-15", source="Reuters"
    )


def test_talks_told_as_earlier_in_the_day_are_a_meeting_of_their_own(report):
    """ "Earlier on Thursday" tells an event before another of that day: the ministers' talks are not the
    leader's reception told before, so the pair met twice that day."""
    body = (
        "PYONGYANG, Oct 19 (Reuters) - North Korean leader Kim Jong Un received Russian Foreign Minister Sergei "
        "Lavrov on Thursday.\n\n"
        "Earlier on Thursday, the two foreign ministers held talks."
    )
    found = [e for e in report(body, "2023-10-19", source="Reuters") if e[0] == "meeting"]
    assert found == [("meeting", ("PRK", "RUS"), (), "2023-10-19", None, None, False)] * 2


def test_earlier_in_the_day_under_another_event_does_not_split_one_homage_told_twice(report):
    """ "departed ... after visiting the Friendship Tower earlier in the day": earlier than the departure, so
    the homage told again later in the story is still one."""
    body = (
        "SEOUL, Oct 27 (Yonhap) -- A Chinese military delegation departed for home on Saturday after visiting "
        "the Friendship Tower in Pyongyang earlier in the day.\n\n"
        "The KCNA said the delegation visited the Friendship Tower in Pyongyang on Saturday, where they laid "
        "flowers."
    )
    found = [e for e in report(body, "2025-10-27", source="Yonhap") if e[0] == "commemoration"]
    assert found == [("commemoration", ("CHN",), ("PRK",), "2025-10-25", None, None, False)]


def test_a_word_of_praise_in_a_name_says_nothing_good(report):
    """ "the Great Hall of the People" is a place: what was said of it praises no one."""
    body = (
        "BEIJING, May 5 (Reuters) - Chinese Premier Wen Jiabao met North Korean leader Kim Jong Il at the "
        "Great Hall of the People on Tuesday, Xinhua said."
    )
    assert report(body, "2010-05-05", source="Reuters") == [
        ("meeting", ("CHN", "PRK"), (), "2010-05-04", None, None, False)
    ]


def test_its_is_the_state_that_is_the_subject_earlier_in_its_own_sentence(report):
    """ "The North announced ..., a day after the council condemned its rocket launch": 'its' is the North's,
    the state that is a subject before it in the sentence, not the state the sentence before was about."""
    body = (
        "SEOUL, April 24 (AFP) - Russia said on Friday that it opposed new sanctions.\n\n"
        "The North announced on April 14 that it was quitting the nuclear talks, a day after the UN Security "
        "Council condemned its April 5 rocket launch."
    )
    found = [e for e in report(body, "2009-04-24", source="AFP") if e[0] == "weapons_test"]
    assert found == [("weapons_test", ("PRK",), (), "2009-04-05", None, None, False)]


def test_a_delegation_attending_another_states_celebrations_is_on_a_visit_there(report):
    """In wire copy too, a delegation attending another state's celebrations of an anniversary marks it and is
    on a visit there; an ambassador at his post attending is on no visit."""
    body = (
        "A Chinese delegation attended North Korea's celebrations of the 70th anniversary of the Korean War "
        "armistice on Thursday."
    )
    assert report(body, "2023-07-28", source="Yonhap") == [
        ("commemoration", ("CHN",), ("PRK",), "2023-07-27", "1953-07-27", 70, False),
        ("visit", ("CHN",), ("PRK",), "2023-07-27", None, None, False),
    ]
    body = (
        "Chinese Ambassador Wang Yajun attended North Korea's celebrations of the 70th anniversary of the Korean "
        "War armistice on Thursday."
    )
    assert [e[0] for e in report(body, "2023-07-28", source="Yonhap")] == ["commemoration"]


def test_the_lead_whose_only_day_is_when_it_was_said_dates_the_story(report):
    """ "..., the White House said Friday": where the lead gives no other day, the day it was said is the
    story's day, which a later undated condemnation keeps (not the last day of a span told in between)."""
    body = (
        "WASHINGTON (AP) - North Korea has shipped more than 1,000 containers of munitions to Russia, the White "
        "House said Friday.\n\n"
        "A U.S. spokesman said the containers were loaded at the port of Najin between Sept. 7 and Oct. 1.\n\n"
        '"We condemn the DPRK for providing Russia with this military equipment," the U.S. spokesman told '
        "reporters."
    )
    found = [e for e in report(body, "2023-10-14", source="AP") if e[0] == "criticism"]
    assert found == [("criticism", ("USA",), ("PRK",), "2023-10-13", None, None, False)]


def test_days_spent_in_another_states_capital_are_a_visit(report):
    """ "spent four days in Beijing": a journey told by the time spent where it went; days spent at home, or
    with no place named, are none."""
    body = (
        "SEOUL, July 13 (Yonhap) -- A North Korean delegation headed by Yang Hyong-sop spent four days in Beijing "
        "from Saturday."
    )
    assert report(body, "2011-07-13", source="Yonhap") == [
        ("visit", ("PRK",), ("CHN",), "2011-07-09", None, None, False)
    ]
    body = "SEOUL, July 13 (Yonhap) -- Kim Jong Un spent two days in Pyongyang inspecting factories."
    assert report(body, "2011-07-13", source="Yonhap") == []


def test_it_condemned_after_a_test_is_the_test_and_what_was_told_a_meeting_is_said(report):
    """ "told a cabinet meeting that Moscow 'certainly condemns' it": a clause the parser hung from the
    listeners is what was told (no habit in the present), and 'it', condemned, is the test told before, so its
    doer is the one criticised, not the state the sentence before named."""
    body = (
        "BEIJING, Oct 9, 2006 (AFP) - North Korea tested a nuclear device on Monday.\n\n"
        'In Washington, US President George W. Bush called the test "a provocative act" that the United States '
        'condemned. Russian President Vladimir Putin told a cabinet meeting that Moscow "certainly condemns" it, '
        "Russian news agencies reported."
    )
    found = [e for e in report(body, "2006-10-09", source="AFP") if e[0] == "criticism"]
    assert found == [
        ("criticism", ("RUS",), ("PRK",), "2006-10-09", None, None, False),
        ("criticism", ("USA",), ("PRK",), "2006-10-09", None, None, False),
    ]


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        (  # the subject of 'be' whose purpose is the marking: the trip told before marks it, nothing new is read
            "BEIJING (AP) - Chinese Premier Li Peng arrived in Pyongyang on Tuesday. Li's four-day trip, the "
            "first by a Chinese premier in years, is officially to mark the 55th anniversary of diplomatic "
            "relations.",
            "2004-10-07",
            [("visit", ("CHN",), ("PRK",), "2004-10-05", "1949-10-06", 55, False)],
        ),
        (  # "meant to mark": the anniversary named by words the pair shares and the visit's states
            "MOSCOW (Reuters) - Russian Foreign Minister Igor Ivanov arrived in Pyongyang on Monday. Russian "
            "officials say the visit is meant to mark the 55th anniversary of diplomatic relations between the "
            "two countries.",
            "2003-10-07",
            [("visit", ("RUS",), ("PRK",), "2003-10-06", "1948-10-12", 55, False)],
        ),
    ],
)
def test_a_purpose_said_of_a_trip_told_before_is_the_anniversary_it_marks(report, body, published, expected):
    assert report(body, published, source="Wire") == expected


def test_a_deal_signed_with_no_signer_named_is_between_the_sides_of_the_one_told_before(report):
    body = (
        "MOSCOW, Sept 16 (Reuters) - Russia's Gazprom and North Korea's oil ministry have agreed to set up a "
        "joint working group on a pipeline, the company said on Friday.\n\n"
        "A memorandum of understanding was signed in Moscow on Thursday."
    )
    agreements = [e for e in report(body, "2011-09-16", source="Reuters") if e[0] == "agreement"]
    assert agreements == [("agreement", ("PRK", "RUS"), (), "2011-09-15", None, None, False)]


def test_a_reaction_to_a_background_event_of_the_lead_takes_the_leads_day(report):
    """The lead's day is the council's vote; the test it answers is weeks older: the votes in favour told next,
    with no day of their own, are of the lead's day, not the day of publication."""
    body = (
        "UNITED NATIONS -- The UN Security Council on Mar. 2 unanimously adopted a resolution "
        "imposing sanctions on North Korea over its nuclear test on Jan. 6.\n\n"
        "China and Russia, the North's traditional partners on the council, both voted in favor."
    )
    votes = [e for e in report(body, "2016-03-04", source="The Hankyoreh") if e[0] == "criticism"]
    assert votes == [
        ("criticism", ("CHN",), ("PRK",), "2016-03-02", None, None, False),
        ("criticism", ("RUS",), ("PRK",), "2016-03-02", None, None, False),
    ]


def test_congratulations_on_an_anniversary_are_of_the_day_told_not_the_anniversarys(report):
    """'Congratulated the WPK on the 70th founding anniversary' says what about, not when: the meeting's day."""
    body = (
        "Kim Jong Un received a delegation of the Communist Party of China led by "
        "Liu Yunshan on Friday.\n\n"
        "Liu Yunshan warmly congratulated the WPK and the Korean people on the 70th founding anniversary of the "
        "WPK."
    )
    messages = [e for e in report(body, "2015-10-10") if e[0] == "message"]
    assert messages == [("message", ("CHN",), ("PRK",), "2015-10-09", "1945-10-10", 70, False)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # talks of two states held in a place of one: the other's visit there
            "SEOUL, Oct 19 (Reuters) - U.S. envoy Christopher Hill held talks with South Korean "
            "Foreign Minister Ban Ki-moon in Seoul on Thursday.",
            [("visit", ("USA",), ("KOR",), "2006-10-19", None, None, False)],
        ),
        (  # the visit the story tells itself stands alone, with its own day
            "SEOUL, Oct 19 (Reuters) - U.S. envoy Christopher Hill arrived in Seoul on Wednesday. "
            "She held talks with South Korean Foreign Minister Ban Ki-moon in Seoul on Thursday.",
            [("visit", ("USA",), ("KOR",), "2006-10-18", None, None, False)],
        ),
    ],
)
def test_talks_held_in_a_place_of_one_side_are_the_others_visit(report, body, expected):
    assert [e for e in report(body, "2006-10-19", source="Reuters") if e[0] == "visit"] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "MOSCOW (Reuters) - Russia on Friday stood by North Korea at the Security Council.",
            [("support", ("RUS",), ("PRK",), "2023-09-15", None, None, False)],
        ),
        (
            "SEOUL (Reuters) - North Korea sided with Moscow on Friday.",
            [("support", ("PRK",), ("RUS",), "2023-09-15", None, None, False)],
        ),
        ("SEOUL (Reuters) - Kim Jong Un stood with Putin on the rostrum on Friday.", []),  # where he stood
    ],
)
def test_standing_by_a_state_is_support(report, body, expected):
    assert [e for e in report(body, "2023-09-16", source="Reuters") if e[0] == "support"] == expected


def test_a_by_the_parser_made_a_doer_of_a_verb_in_no_passive_is_a_preposition(report):
    """'will always stand by the Workers' Party of Korea': the parser's passive doer is the side stood by."""
    body = (
        "The Brazilian Communist Party will always stand by the Workers' Party of Korea, its statement said."
    )
    events = report(body, "2012-08-21", source="Reuters")
    assert [e[:3] for e in events if e[0] == "support"] == [("support", ("BRA",), ("PRK",))]


def test_a_day_told_inside_the_month_of_the_same_event_dates_it(report):
    """'Earlier this month, Putin received Choe, who arrived in Moscow on Dec. 3': one visit, on the day the
    sentence gives inside the month it also gives."""
    body = (
        "Earlier this month, Putin received Choe Son Hui, North Korea's foreign minister, who arrived in Moscow "
        "on Dec. 3 for talks."
    )
    events = report(body, "2025-12-12", source="Reuters")
    assert [e for e in events if e[0] == "visit"] == [
        ("visit", ("PRK",), ("RUS",), "2025-12-03", None, None, False)
    ]


def test_a_verbs_own_day_comes_before_a_day_of_a_noun_in_its_clause(report):
    """ "since the purge in December of ..., flew on to Seoul on Wednesday": the flight is on Wednesday; December
    is when the purge was, though the parser hung that noun from the same verb."""
    body = (
        "Morgulov, the most senior Russian official known to have visited North Korea since the purge in "
        "December of Jang Song Thaek, leader Kim Jong Un's uncle and Moscow's main interlocutor in Pyongyang, "
        "flew on to Seoul on Wednesday."
    )
    events = report(body, "2014-02-20", source="Reuters")
    assert [e for e in events if e[0] == "visit"] == [
        ("visit", ("RUS",), ("KOR",), "2014-02-19", None, None, False)
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Choe Son Hui arrived in Moscow on Dec. 3 for talks on the war in Ukraine.",
            [("visit", ("PRK",), ("RUS",), "2025-12-03", None, None, False)],
        ),
        ("Wang Yi held consultations on Monday about the situation in Syria.", []),
        (  # a partner named inside what the talks are about is still one
            "Choe Son Hui arrived in Moscow on Dec. 3 for talks on cooperation with Russia.",
            [
                ("meeting", ("PRK", "RUS"), (), "2025-12-03", None, None, False),
                ("visit", ("PRK",), ("RUS",), "2025-12-03", None, None, False),
            ],
        ),
    ],
)
def test_a_state_in_what_talks_are_about_is_no_party(report, body, expected):
    assert report(body, "2025-12-12", source="Reuters") == expected


@pytest.mark.parametrize(
    "body",
    [
        "A gift from Chinese President Xi Jinping for Kim was handed to Pak Pong Ju during Tuesday's meeting.",
        "A gift from Xi Jinping for Kim was handed over to the North Korean side on Tuesday.",
    ],
)
def test_a_persons_name_ends_before_a_for_after_it(report, body):
    """'A gift from Xi Jinping for Kim': Kim is the one the gift is for, no part of the sender's name."""
    assert report(body, "2024-06-20", source="Reuters") == [
        ("message", ("CHN",), ("PRK",), "2024-06-18", None, None, False)
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "North Korea notified the Russian Embassy in Pyongyang on Sunday.",
            [("message", ("PRK",), ("RUS",), "2024-10-27", None, None, False)],
        ),
        (
            "North Korea had informed China of the launch about an hour before it, Yonhap said.",
            [("message", ("PRK",), ("CHN",), "2024-10-29", None, None, False)],
        ),
        (
            "The Russian ambassador conveyed best wishes from President Putin to Kim on Sunday.",
            [("message", ("RUS",), ("PRK",), "2024-10-27", None, None, False)],
        ),
        ("KCNA informed readers that the delegation had left.", []),  # no state told
    ],
)
def test_word_given_to_a_state_is_a_message(report, body, expected):
    assert [e for e in report(body, "2024-10-29", source="Reuters") if e[0] == "message"] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Chinese Premier Li Qiang is due in Pyongyang next week for talks with Kim Jong Un.", []),
        (  # a dateline a day ahead of the story's date is still the story's day
            "Li Qiang held talks with Kim Jong Un in Pyongyang on Oct. 10.",
            [("meeting", ("CHN", "PRK"), (), "2025-10-10", None, None, False)],
        ),
    ],
)
def test_an_event_dated_after_the_story_was_only_planned(report, body, expected):
    assert [e for e in report(body, "2025-10-09", source="Reuters") if e[0] == "meeting"] == expected


@pytest.mark.parametrize(
    "body",
    [
        "Xi sent Kim a message on Sunday to mark the 60th anniversary of the treaty.",
        "In a message to Kim on the treaty's 60th anniversary, Xi said the two countries would deepen ties.",
    ],
)
def test_the_treaty_said_of_its_two_states_is_their_listed_treaty(report, body):
    """'the 60th anniversary of the treaty' in a message between China and the DPRK is their 1961 treaty, not an
    unlisted treaty of 1961 (the Soviet one of that year is the DPRK's with another state)."""
    events = report(body, "2021-07-12", source="Reuters")
    assert [(e[0], e[4], e[5]) for e in events] == [("message", "1961-07-11", 60)]


@pytest.mark.parametrize(
    "body",
    [
        "On Friday, Shoigu told Kim of Moscow's gratitude and praised the heroism of North Korean soldiers.",
        "On Friday, Shoigu said nothing about the talks but praised the heroism of North Korean soldiers.",
    ],
)
def test_a_verb_joined_to_a_saying_shares_its_day(report, body):
    """'On Friday, Shoigu told Kim ... and praised ...': the praise is of that Friday, though 'told' is a verb of
    saying (whose day is no day of what it reports)."""
    assert report(body, "2025-04-28", source="Reuters") == [
        ("support", ("RUS",), ("PRK",), "2025-04-25", None, None, False)
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a year before a month: that year
            "The loan deal was signed in Beijing in March 2016, a year after Choe Ryong Hae visited Moscow.",
            ("visit", ("PRK",), ("RUS",), "2015", None, None, False),
        ),
        (  # months before a month: that month
            "Kim visited Vladivostok in April 2019, two months after his summit with Trump in Hanoi.",
            ("meeting", ("PRK", "USA"), (), "2019-02", None, None, False),
        ),
    ],
)
def test_a_count_of_years_or_months_dates_the_event_told_beside(report, body, expected):
    assert expected in report(body, "2020-08-02", source="Reuters")


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        ("The United States condemned Russia's invasion of Ukraine on Thursday.", ("RUS",)),
        (
            "Moscow and Beijing jointly denounced what they called U.S. military intimidation of North Korea on "
            "Thursday.",
            ("USA",),
        ),
    ],
)
def test_the_side_attacked_is_no_target_of_a_criticism_of_the_attack(report, body, targets):
    """'condemned Russia's invasion of Ukraine': Russia is criticised, Ukraine is the side attacked."""
    events = report(body, "2024-10-29", source="Reuters")
    assert [e[2] for e in events if e[0] == "criticism"] == [targets]


def test_a_message_on_the_day_borrowed_from_the_occasion_told_is_made_for_it(report):
    """'North Korea and China on Sunday marked the 60th anniversary of their treaty. Xi sent a message to Kim':
    the message has the lead's day, the anniversary's, and marks it."""
    body = (
        "SEOUL (Reuters) - North Korea and China on Sunday marked the 60th anniversary of their friendship "
        "treaty.\n\nChinese President Xi Jinping sent a message to Kim Jong Un, KCNA said."
    )
    events = report(body, "2021-07-12", source="Reuters")
    assert ("message", ("CHN",), ("PRK",), "2021-07-11", "1961-07-11", 60, False) in events


def test_the_leaders_of_two_named_states_are_those_states(report):
    """'The leaders of China and North Korea exchanged messages': the phrase names its own two states; it is
    no 'the leaders' standing for the last two states told."""
    body = "SEOUL (Reuters) - The leaders of China and North Korea exchanged messages on Sunday."
    assert [e[:3] for e in report(body, "2021-07-12", source="Reuters")] == [
        ("message", ("CHN",), ("PRK",)),
        ("message", ("PRK",), ("CHN",)),
    ]


def test_an_arrival_with_no_place_is_not_where_the_story_was_filed_when_it_told_of_other_states(report):
    """'SEOUL - North Korea held a parade ... Shoigu, who arrived on Tuesday, watched it': not a visit to Seoul;
    a story filed where the arrival was ('VLADIVOSTOK, Russia - Kim arrived') still places it there."""
    body = (
        "SEOUL, July 27 (Reuters) - North Korea celebrated the 70th anniversary of the end of the Korean War on "
        "Thursday with a military parade.\n\n"
        "Russian Defence Minister Sergei Shoigu, who arrived on Tuesday, watched the parade with Kim."
    )
    assert [e for e in report(body, "2023-07-27", source="Reuters") if e[0] == "visit"] == []
    body = "VLADIVOSTOK, Russia (Reuters) - North Korean leader Kim Jong Un arrived by armoured train on Wednesday."
    assert [e[:3] for e in report(body, "2019-04-25", source="Reuters")] == [("visit", ("PRK",), ("RUS",))]


def test_a_lead_told_without_a_date_takes_the_day_the_next_sentence_gives_it(report):
    """'X has condemned ... / The statement, released on Friday, ...': the lead's event is of Friday, not of the
    day the story was filed; a day more than a week before the story is background, not the lead's."""
    body = (
        "SEOUL (Reuters) - North Korea has condemned the U.S. decision to send tanks to Ukraine.\n\n"
        "The statement, carried by state media on Friday, followed a week of warnings."
    )
    assert report(body, "2023-01-28", source="Reuters") == [
        ("criticism", ("PRK",), ("USA",), "2023-01-27", None, None, False),
    ]
    body = (
        "SEOUL (Reuters) - North Korea has condemned the U.S. decision to send tanks to Ukraine.\n\n"
        "The decision, announced on Jan. 10, angered Pyongyang."
    )
    assert [e[3] for e in report(body, "2023-01-28", source="Reuters")] == ["2023-01-28"]
    # a lead that only gives the day it was told: the deal was struck on the day the next sentence gives
    body = (
        "TOKYO, May 30 (Kyodo) - North Korea has agreed with Japan to reinvestigate the fate of Japanese "
        "abductees, the two governments announced Thursday.\n\n"
        "The deal was struck during three days of talks in Stockholm that ended Wednesday."
    )
    assert [e[:4] for e in report(body, "2014-05-30", source="Kyodo")] == [
        ("agreement", ("JPN", "PRK"), (), "2014-05-28")
    ]


def test_a_year_span_inside_an_anniversarys_name_is_read_past(report):
    """'the 70th anniversary of the end of the 1950-53 Korean War' is the armistice's 70th, as 'the end of the
    Korean War' is: the years before the noun are no part of the name."""
    body = (
        "SEOUL, July 27 (Yonhap) -- Russian Defense Minister Sergei Shoigu arrived in Pyongyang on Tuesday to "
        "attend events marking the 70th anniversary of the end of the 1950-53 Korean War."
    )
    events = report(body, "2023-07-27", source="Yonhap")
    assert ("visit", ("RUS",), ("PRK",), "2023-07-25", "1953-07-27", 70, False) in events


def test_messages_traded_by_two_leaders_go_each_way(report):
    """'traded messages' is 'exchanged messages': one message each way, not one sent by both to no one."""
    body = "SEOUL, July 11 (Yonhap) -- Kim Jong-un and Xi Jinping traded messages on Sunday."
    assert report(body, "2021-07-11", source="Yonhap") == [
        ("message", ("CHN",), ("PRK",), "2021-07-11", None, None, False),
        ("message", ("PRK",), ("CHN",), "2021-07-11", None, None, False),
    ]


def test_a_states_legislature_acts_for_that_state(report):
    """'The State Duma ratified the treaty with Pyongyang': Russia's act, named by its parliament alone."""
    body = (
        "MOSCOW, Oct 24 (Reuters) - The State Duma on Thursday ratified the strategic partnership treaty with "
        "Pyongyang."
    )
    assert report(body, "2024-10-24", source="Reuters") == [
        ("agreement", ("PRK", "RUS"), (), "2024-10-24", None, None, False),
    ]


def test_a_meeting_told_as_one_more_is_another_meeting(report):
    """'Kim Jong Il and Dai Bingguo held talks ... Dai also met Vice Premier Kang Sok Ju': two meetings of the
    pair, not one told twice; without 'also' the later sentence tells the same talks again."""
    lead = (
        "SEOUL, Dec. 9 (UPI) -- North Korean leader Kim Jong Il and China's top foreign policy official, State "
        "Councilor Dai Bingguo, reached a consensus on bilateral ties during talks in Pyongyang on Thursday.\n\n"
    )
    events = report(lead + "Dai also met Vice Premier Kang Sok Ju, Xinhua said.", "2010-12-09", source="UPI")
    assert [e[:4] for e in events if e[0] == "meeting"] == [
        ("meeting", ("CHN", "PRK"), (), "2010-12-09"),
        ("meeting", ("CHN", "PRK"), (), "2010-12-09"),
    ]
    events = report(lead + "The two sides exchanged views, Xinhua said.", "2010-12-09", source="UPI")
    assert [e[:4] for e in events if e[0] == "meeting"] == [("meeting", ("CHN", "PRK"), (), "2010-12-09")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "SEOUL (Reuters) - North Korea conducted its sixth nuclear test on Sunday. The test drew swift "
            "condemnation from China and Russia.",
            [("criticism", ("CHN",), ("PRK",)), ("criticism", ("RUS",), ("PRK",))],
        ),
        (
            "SEOUL (Reuters) - North Korea's nuclear test on Sunday prompted protests from Japan and South Korea.",
            [("criticism", ("JPN",), ("PRK",)), ("criticism", ("KOR",), ("PRK",))],
        ),
        (
            "SEOUL (Reuters) - North Korea conducted its sixth nuclear test on Sunday, drawing condemnation from "
            "China.",
            [("criticism", ("CHN",), ("PRK",))],
        ),
    ],
)
def test_a_reaction_a_deed_drew_comes_from_those_after_from(report, body, expected):
    """'The test drew condemnation from China': China criticises the test's doer, not the DPRK China."""
    events = report(body, "2017-09-04", source="Reuters")
    assert [e[:3] for e in events if e[0] != "weapons_test"] == expected


def test_an_anniversary_of_ties_told_of_one_state_is_the_pair_its_ordinal_gives(report):
    """'the 75th anniversary of diplomatic ties' told of China alone in 2024: of the pairs with China whose ties
    are an anniversary of the data file, the one established in 1949 (China and the DPRK)."""
    body = (
        "SEOUL, Oct 9 (Reuters) - China's ambassador Wang Yajun hosted a reception on Sunday "
        "marking the 75th anniversary of diplomatic ties."
    )
    assert report(body, "2024-10-09", source="Reuters") == [
        ("commemoration", ("CHN",), ("PRK",), "2024-10-06", "1949-10-06", 75, False),
    ]


def test_a_gift_given_to_a_leader_is_a_message(report):
    body = "SEOUL, June 20 (Reuters) - Russian President Vladimir Putin gifted an Aurus limousine to Kim Jong Un."
    assert report(body, "2024-06-20", source="Reuters") == [
        ("message", ("RUS",), ("PRK",), "2024-06-20", None, None, False),
    ]


def test_a_speakers_own_act_in_the_present_is_made_in_saying_it(report):
    """A statement's "We condemn the U.S. decision ...": the condemnation is made by saying it, not a habit or
    a standing position; so is a state's ("The DPRK condemns ..."), as a stance stated now; a noun of one under
    a present verb is not ("The DPRK is in need of support")."""
    lead = (
        "Pyongyang, January 27 (KCNA) -- Kim Yo Jong, vice department director of the C.C., WPK, issued a "
        "press statement on Friday.\n\n"
    )
    assert report(lead + "We condemn the U.S. decision to send tanks to Ukraine.", "2023-01-27") == [
        ("criticism", ("PRK",), ("USA",), "2023-01-27", None, None, False),
    ]
    assert report(lead + "The DPRK condemns such decisions of the U.S.", "2023-01-27") == [
        ("criticism", ("PRK",), ("USA",), "2023-01-27", None, None, False),
    ]
    assert report(lead + "The DPRK is in need of support from the U.S.", "2023-01-27") == []


def test_an_event_due_to_happen_has_not_happened(report):
    # "is due to fly ... on Thursday" is next Thursday's plan, not last Thursday's journey
    body = (
        "SEOUL, June 19 (Reuters) - Russian President Vladimir Putin held talks with Kim Jong Un in Pyongyang on "
        "Wednesday.\n\nPutin is due to fly to Hanoi on Thursday for a state visit to Vietnam."
    )
    assert [e[:3] for e in report(body, "2024-06-19", source="Reuters")] == [
        ("meeting", ("PRK", "RUS"), ()),
        ("visit", ("RUS",), ("PRK",)),
    ]


def test_a_tribute_on_a_journey_with_no_place_named_honours_the_state_visited(report):
    # the cemetery's county names no state; the premier's trip does. At home, a leader's tribute is toward no
    # other state.
    body = (
        "SEOUL, Oct 6 (Reuters) - Chinese Premier Wen Jiabao arrived in Pyongyang on Sunday for a three-day "
        "visit.\n\n"
        "On Monday, Wen visited a cemetery in Hoechang county for Chinese soldiers killed in the 1950-53 Korean "
        "War, where he paid tribute."
    )
    assert report(body, "2009-10-06", source="Reuters") == [
        ("commemoration", ("CHN",), ("PRK",), "2009-10-05", None, None, False),
        ("visit", ("CHN",), ("PRK",), "2009-10-04", None, None, False),
    ]
    body = (
        "SEOUL, July 28 (Reuters) - North Korean leader Kim Jong Un laid a wreath at a martyrs' cemetery in "
        "Pyongyang on Thursday."
    )
    assert [e[:3] for e in report(body, "2024-07-28", source="Reuters")] == [("commemoration", ("PRK",), ())]


def test_talks_in_a_capital_date_the_visit_the_lead_told_without_a_day(report):
    # the lead tells the visit with no day; the talks there give it: the implied visit gives way, its day stays
    body = (
        "BEIJING, March 12 (Reuters) - Vietnam on Sunday criticised Laos over a dam on the Mekong.\n\n"
        "It came days after Vietnam's deputy prime minister visited Vientiane.\n\n"
        "Deputy Prime Minister Tran Luu Quang of Vietnam held talks in Vientiane from Tuesday to Thursday."
    )
    visits = [e for e in report(body, "2023-03-12", source="Reuters") if e[0] == "visit"]
    assert [e[:4] for e in visits] == [("visit", ("VNM",), ("LAO",), "2023-03-07")]


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # speaking highly of what another state did praises it (CAMEO 051)
            "HANOI, Oct. 30 (Xinhua) -- Vietnamese Prime Minister Pham Minh Chinh spoke highly of Laos' efforts in "
            "hosting the ASEAN summit.",
            [("support", ("VNM",), ("LAO",))],
        ),
        (
            "HANOI, Oct. 30 (Xinhua) -- Vietnam's foreign minister said Hanoi highly appreciated Cambodia's "
            "constructive role at the talks.",
            [("support", ("VNM",), ("KHM",))],
        ),
        (  # a performance enjoyed is no praise of a state
            "HANOI, Oct. 30 (Xinhua) -- The performances of the Lao art troupe were appreciated by Vietnamese "
            "audiences in Hanoi on Thursday.",
            [],
        ),
    ],
)
def test_thinking_highly_of_a_states_deeds_supports_it(report, body, expected):
    events = report(body, "2024-10-30", source="Xinhua")
    assert [e[:3] for e in events if e[0] == "support"] == expected


def test_what_a_praised_opposition_is_against_is_not_praised(report):
    # "opposition to US hegemonism" is Russia's stance against the U.S.: the praise goes to Russia alone
    body = (
        "MOSCOW, May 31 (Reuters) - Belarusian President Alexander Lukashenko praised Putin's firm opposition to "
        "U.S. hegemonism on Thursday."
    )
    assert [e[:3] for e in report(body, "2018-05-31", source="Reuters") if e[0] == "support"] == [
        ("support", ("BLR",), ("RUS",))
    ]


def test_a_past_clause_of_its_own_under_a_plan_happened(report):
    # "would tighten" is a plan; "as Xi condemned ..." has its own subject and past tense: it happened
    body = (
        "TOKYO, Sept. 4 (Reuters) - Japan said on Monday it would tighten sanctions on North Korea, raising the "
        "pressure on Pyongyang as Chinese President Xi Jinping condemned the North's nuclear test."
    )
    events = report(body, "2017-09-04", source="Reuters")
    assert [e[:3] for e in events if e[0] == "criticism"] == [("criticism", ("CHN",), ("PRK",))]


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # an adjective after "be" disapproves (CAMEO 111/114); the day is the saying's, where it gives one
            "HANOI, Aug. 1 (Reuters) - Vietnam's prime minister said on Thursday that he was very disappointed "
            "in Laos.",
            [("criticism", ("VNM",), ("LAO",), "2020-07-30", None, None, False)],
        ),
        (  # a participle the parser reads as a passive: its subject is concerned, 'by' names what about
            "HANOI, Aug. 1 (Reuters) - Thailand fired a missile on Friday. Vietnam was gravely concerned by "
            "Thailand's test, its foreign ministry said.",
            [("criticism", ("VNM",), ("THA",), "2020-08-01", None, None, False)],
        ),
        (
            "HANOI, Aug. 1 (Reuters) - Cambodia said it was concerned about the Lao military buildup along the "
            "border.",
            [("criticism", ("KHM",), ("LAO",), "2020-08-01", None, None, False)],
        ),
        (  # concerned parties, and a state pleased: no disapproval
            "HANOI, Aug. 1 (Reuters) - Vietnam urged the concerned parties to talk. Laos said it was pleased "
            "with Cambodia's offer.",
            [],
        ),
    ],
)
def test_a_state_said_to_be_disappointed_or_concerned_criticises(report, body, expected):
    events = report(body, "2020-08-01", source="Reuters")
    assert [e for e in events if e[0] == "criticism"] == expected


def test_concern_over_an_event_told_before_is_aimed_at_its_parties(report):
    # "the agreement" names the one told before: its signers are the side criticised
    body = (
        "BANGKOK, June 20 (Reuters) - Laos and Cambodia signed a defence pact in Vientiane on Wednesday.\n\n"
        "Thailand's foreign ministry said on Thursday that it expressed grave concern over the agreement."
    )
    events = report(body, "2024-06-20", source="Reuters")
    assert [e for e in events if e[0] == "criticism"] == [
        ("criticism", ("THA",), ("KHM", "LAO"), "2024-06-20", None, None, False)
    ]


@pytest.mark.parametrize(
    "body, expected",
    [
        (  # a feeling of disapproval, expressed (CAMEO 111)
            "BANGKOK, June 20 (Reuters) - Thailand's foreign ministry on Thursday expressed strong "
            "dissatisfaction with Cambodia's decision.",
            [("criticism", ("THA",), ("KHM",))],
        ),
        (  # a feeling merely had is no statement
            "BANGKOK, June 20 (Reuters) - Thai farmers voiced no view, though their displeasure with Cambodia's "
            "policy is well known.",
            [],
        ),
    ],
)
def test_dissatisfaction_expressed_criticises(report, body, expected):
    events = report(body, "2024-06-20", source="Reuters")
    assert [e[:3] for e in events if e[0] == "criticism"] == expected


def test_those_who_describe_what_was_done_take_no_part_in_it(report):
    # "in what Thai experts described as ...": the experts comment; Thailand signed nothing
    body = (
        "BANGKOK, June 20 (Reuters) - Laos and Cambodia signed a defence pact in Vientiane on Wednesday, in what "
        "Thai experts described as normal cooperation between two sovereign states."
    )
    events = report(body, "2024-06-20", source="Reuters")
    assert [e[:3] for e in events if e[0] == "agreement"] == [("agreement", ("KHM", "LAO"), ())]


def test_welcoming_a_summit_supports_those_who_held_it(report):
    # "the summit" is the one told as a summit, not the meeting told since in other words (CAMEO 051)
    body = (
        "BANGKOK, Sept 17 (Reuters) - The leaders of Laos and Cambodia signed a joint declaration at the end of "
        "their first summit in Vientiane on Tuesday.\n\n"
        "The Lao leader discussed the trip with Vietnam's prime minister when they met in Hanoi last week.\n\n"
        "In Bangkok, a Thai foreign ministry spokesman said on Tuesday that Thailand welcomed the summit."
    )
    events = report(body, "2002-09-17", source="Reuters")
    assert [e[:3] for e in events if e[0] == "support"] == [("support", ("THA",), ("KHM", "LAO"))]
    # a guest welcomed is no endorsement
    body = (
        "BANGKOK, Sept 17 (Reuters) - Thailand's prime minister welcomed the Lao delegation at the airport."
    )
    assert [e for e in report(body, "2002-09-17", source="Reuters") if e[0] == "support"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran fired what appeared to be a ballistic missile on Saturday.",
        "Iran launched what it called a new type of guided weapon on Saturday.",
        "Iran fired what was believed to be two short-range ballistic missiles on Saturday.",
    ],
)
def test_what_a_state_fired_as_a_free_relative_is_its_test(report, sentence):
    events = report(f"DUBAI, July 10 (Reuters) - {sentence}", "2016-07-10", source="Reuters")
    assert events == [("weapons_test", ("IRN",), (), "2016-07-09", None, None, False)]


def test_the_same_day_is_the_day_told_before_it(report):
    body = (
        "BAGHDAD, Jan 15 (Reuters) - The war was raised by the U.S. Secretary of State during a visit to Baghdad "
        "on Jan. 6, the same day Iran test-fired what it called a new ballistic missile."
    )
    events = report(body, "2025-01-15", source="Reuters")
    assert [e[:4] for e in events if e[0] == "weapons_test"] == [("weapons_test", ("IRN",), (), "2025-01-06")]


@pytest.mark.parametrize(
    "sentence, actor, target",
    [  # CAMEO 111/112/114: verbs of disapproval and complaint beyond the common ones
        ("Vietnam's foreign ministry on Monday chided Laos over the dam.", "VNM", "LAO"),
        ("Thailand on Monday reproached Cambodia for the border incident.", "THA", "KHM"),
        ("Cambodia on Monday complained to Thailand about the border incident.", "KHM", "THA"),
    ],
)
def test_verbs_of_reproach_and_complaint_criticise(report, sentence, actor, target):
    events = report(f"HANOI, March 13 (Reuters) - {sentence}", "2023-03-13", source="Reuters")
    assert [e[:4] for e in events if e[0] == "criticism"] == [
        ("criticism", (actor,), (target,), "2023-03-13")
    ]


def test_a_spokesman_for_a_states_ministry_speaks_for_that_state(report):
    body = (
        "BANGKOK, Jan 5 (Reuters) - Cambodia fired a rocket on Wednesday. A spokesman for the Thai Foreign "
        "Ministry condemned the launch."
    )
    events = report(body, "2012-01-05", source="Reuters")
    assert [e[:3] for e in events if e[0] == "criticism"] == [("criticism", ("THA",), ("KHM",))]
    # an envoy 'for' a state is not of it
    body = "BANGKOK, Jan 5 (Reuters) - Thailand's special envoy for Cambodia met Lao officials on Wednesday."
    assert [e[:3] for e in report(body, "2012-01-05", source="Reuters")] == [("meeting", ("LAO", "THA"), ())]


def test_its_is_not_a_subject_of_two_states(report):
    # "South Korea and Japan said, as its foreign minister travelled": 'its' is one state, the North
    body = (
        "SEOUL, Oct 31 (Reuters) - Iran test-fired a ballistic missile on Thursday, Israel and Turkey said, as "
        "its foreign minister travelled to Russia."
    )
    events = report(body, "2024-10-31", source="Reuters")
    assert [e[:3] for e in events if e[0] == "visit"] == [("visit", ("IRN",), ("RUS",))]


def test_the_days_of_one_stay_are_one_visit_dated_by_its_arrival(report):
    # the arrival, a meeting the next day (an implied visit) and the departure are one stay
    body = (
        "HANOI, April 24 (AFP) - Lao Foreign Minister Saleumxay Kommasith wrapped up a two-day visit to Vietnam "
        "on Friday.\n\n"
        "After arriving in Hanoi on Thursday, he held talks with Vietnam's foreign minister."
    )
    events = report(body, "2009-04-24", source="AFP")
    assert [e[:4] for e in events if e[0] == "visit"] == [("visit", ("LAO",), ("VNM",), "2009-04-23")]
    # a delegation named as new the next day is another visit
    body = (
        "HANOI, Nov 21 (AFP) - A Lao government delegation, which arrived in Hanoi on Sunday, left on Wednesday.\n\n"
        "Meanwhile, a delegation of the Lao military academy arrived in Hanoi on Monday."
    )
    events = report(body, "2024-11-21", source="AFP")
    assert [e[:4] for e in events if e[0] == "visit"] == [
        ("visit", ("LAO",), ("VNM",), "2024-11-17"),
        ("visit", ("LAO",), ("VNM",), "2024-11-18"),
    ]


def test_their_is_the_pair_the_sentence_names_before_it(report):
    body = (
        "HANOI, Oct 5 (Reuters) - The United States and Thailand warned on Monday. The Lao and Cambodian leaders have "
        "forged closer ties since their summit in Vientiane in September."
    )
    events = report(body, "2023-10-05", source="Reuters")
    assert [e[:3] for e in events if e[0] == "meeting"] == [("meeting", ("KHM", "LAO"), ())]


def test_a_stance_verb_in_the_present_is_taken_now_but_a_noun_under_a_present_verb_is_not(report):
    body = (
        "BANGKOK, March 4 (AFP) - Vietnam fired a rocket into the sea on Monday. Thailand's foreign ministry "
        "strongly condemns the launch. Laos is in need of support from Cambodia."
    )
    events = report(body, "2021-03-04", source="AFP")
    assert [e[:3] for e in events if e[0] in ("criticism", "support")] == [("criticism", ("THA",), ("VNM",))]


def test_a_stance_told_in_what_was_said_is_dated_by_the_saying(report):
    body = (
        "BANGKOK, March 8 (AFP) - Vietnam fired a rocket into the sea on Thursday. Thailand's foreign ministry said "
        "on Saturday that it opposed the launch."
    )
    events = report(body, "2021-03-08", source="AFP")
    assert [e[:4] for e in events if e[0] == "criticism"] == [("criticism", ("THA",), ("VNM",), "2021-03-06")]


@pytest.mark.parametrize(
    "body",
    [
        "A Lao delegation arrived in Bangkok on Sunday. The Thai prime minister met the delegation on Monday.",
        "Among the guests was a delegation of Laos, which arrived in Bangkok on Sunday. The delegation was received "
        "by the Thai prime minister on Monday.",
    ],
)
def test_the_delegation_met_is_the_one_named_before(report, body):
    events = report("BANGKOK, March 10 (AFP) - " + body, "2021-03-10", source="AFP")
    assert [e[:4] for e in events if e[0] == "meeting"] == [("meeting", ("LAO", "THA"), (), "2021-03-08")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vietnam is readying a new missile launch, officials in Hanoi said on Monday.",
        "Officials in Hanoi said on Monday they were preparing to test a new missile.",
        "Laos is prepared to send an envoy to Bangkok, its foreign ministry said on Monday.",
        "Vietnam intends to launch another long-range missile, officials said on Monday.",
    ],
)
def test_an_event_being_readied_or_intended_has_not_happened(report, sentence):
    assert report("BANGKOK, March 10 (AFP) - " + sentence, "2021-03-10", source="AFP") == []


def test_its_is_the_one_state_its_sentence_named_before_it(report):
    body = (
        "BANGKOK, March 10 (AFP) - Thailand protested on Monday. The U.N. Security Council imposed sanctions on "
        "Vietnam on Tuesday, following its missile test on Sunday."
    )
    events = report(body, "2021-03-10", source="AFP")
    assert [e[:3] for e in events if e[0] == "weapons_test"] == [("weapons_test", ("VNM",), ())]


@pytest.mark.parametrize(
    "body",
    [
        # the celebrations are the visit's purpose, not a marking of their own on the day of arrival
        "A Lao party and government delegation arrived here on Thursday to take part in the celebrations of "
        "the 60th anniversary of Thai-Lao diplomatic relations.",
        # a 'party' before a noun for people is a political party, not a celebration
        "Thai party officials said on Thursday that a Lao delegation had arrived for the 60th anniversary of "
        "Thai-Lao diplomatic relations.",
    ],
)
def test_a_visit_for_celebrations_is_a_visit_only(report, body):
    events = report("BANGKOK, July 25 (AFP) - " + body, "2013-07-25", source="AFP")
    assert [e[:3] for e in events] == [("visit", ("LAO",), ("THA",))]


def test_a_dateline_with_a_full_stop_after_the_place_is_a_dateline(report):
    body = "HANOI. March 10 (Interfax) - Vietnam and Laos exchanged messages on Sunday, the ministry said."
    events = report(body, "2021-03-10", source="Interfax")
    assert {e[3] for e in events if e[0] == "message"} == {"2021-03-07"}


@pytest.mark.parametrize(
    "state, ordinal, base",
    [("North Korea", 73, "1948-09-09"), ("China", 72, "1949-10-01")],
)
def test_the_nth_anniversary_of_its_founding_is_that_states_founding(report, state, ordinal, base):
    body = (
        f"SEOUL, Sept 10 (Reuters) - {state} marked the {ordinal}rd anniversary of its founding with a parade on "
        "Thursday."
    ).replace("72rd", "72nd")
    events = report(body, "2021-09-10", source="Reuters")
    assert [(e[0], e[4], e[5]) for e in events] == [("commemoration", base, ordinal)]


@pytest.mark.parametrize(
    "when, day",
    [("this morning", "2022-01-17"), ("this afternoon", "2022-01-17"), ("late last night", "2022-01-16")],
)
def test_parts_of_the_story_day_date_it(report, when, day):
    body = (
        f"HANOI, Jan 17 (AFP) - Vietnam fired two rockets into the sea {when}, its fourth launch this month."
    )
    events = report(body, "2022-01-17", source="AFP")
    assert [e[:4] for e in events] == [("weapons_test", ("VNM",), (), day)]


def test_a_day_within_a_coarser_date_of_the_same_verb_dates_it(report):
    body = (
        "HANOI, July 16 (AFP) - Less than a month ago, on June 19, Vietnam and Laos signed a treaty on "
        "comprehensive strategic partnership in Vientiane."
    )
    events = report(body, "2024-07-16", source="AFP")
    assert [e[:4] for e in events if e[0] == "agreement"] == [("agreement", ("LAO", "VNM"), (), "2024-06-19")]


def test_the_delegation_is_the_group_told_before(report):
    body = (
        "VIENTIANE, Oct 7 (AFP) - A group of Thai lawmakers returned to Bangkok on Friday from a five-day visit to "
        "Laos. The delegation, headed by a senior deputy, arrived in Vientiane on Monday."
    )
    events = report(body, "2017-10-07", source="AFP")
    assert [e[:4] for e in events if e[0] == "visit"] == [("visit", ("THA",), ("LAO",), "2017-10-02")]


def test_a_clause_with_its_own_subject_is_not_hedged_by_the_labelling_verb_before_it(report):
    body = (
        "BANGKOK, March 3 (AFP) - Laos fired a rocket on Tuesday. Thai Prime Minister Somchai Wong called the "
        'launch "unexpected," and Bangkok lodged a strong protest with Vientiane through diplomatic channels.'
    )
    events = report(body, "2015-03-03", source="AFP")
    assert [e[:3] for e in events if e[0] == "criticism"] == [("criticism", ("THA",), ("LAO",))]


def test_a_rally_with_no_doer_named_is_held_by_the_state_of_its_place_and_aimed_at_whom_it_is_against(report):
    body = (
        "VIENTIANE, May 4 (AFP) - Around 50,000 people rallied in Vientiane on Sunday against Thailand, state "
        "radio reported."
    )
    events = report(body, "2015-05-04", source="AFP")
    assert [e[:4] for e in events if e[0] == "rally"] == [("rally", ("LAO",), ("THA",), "2015-05-03")]


def test_a_rally_told_again_without_its_target_is_the_same_rally(report):
    body = (
        "VIENTIANE, May 4 (AFP) - Around 50,000 people rallied in Vientiane on Sunday against Thailand, state "
        "radio reported. Laos holds such a rally every year."
    )
    events = report(body, "2015-05-04", title="Laotians rally in Vientiane", source="AFP")
    assert [e[:4] for e in events if e[0] == "rally"] == [("rally", ("LAO",), ("THA",), "2015-05-03")]


def test_the_people_told_in_the_plural_are_the_group_told_before(report):
    body = (
        "BANGKOK, Oct 7 (AFP) - A group of Thai lawmakers returned to Bangkok on Friday from a five-day visit to "
        "Laos. On Tuesday the lawmakers held talks with officials of the Laotian Foreign Ministry."
    )
    events = report(body, "2017-10-07", source="AFP")
    assert [e[:4] for e in events if e[0] == "meeting"] == [("meeting", ("LAO", "THA"), (), "2017-10-03")]
