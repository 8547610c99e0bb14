"""What the generator varies, and which of it today's avstem is expected to handle.

A *feature* is something a real agency's accounts have or do: a received belastningsfullmakt, underposts
on post 24, Note B printing only one of two stikkord, a workbook with every statement on one sheet. Each
example switches the landed features on or off at random; a test of a waiting feature forces it on in
every example, so that it fails until the work it waits for lands (strict xfail: the day it passes, the
test fails and says so). When that work lands, delete the feature's line in :data:`WAITING` (and in
:data:`WAITING_FORMS` or :data:`WAITING_PLANTS`): it joins the features every example may have, and its
own test runs as a plain, must-pass property.
"""

from __future__ import annotations

#: Features of the truth and of how it is printed that today's avstem reads and judges right.
LANDED = (
    "nynorsk",  # the accounts in Nynorsk (else Bokmål)
    "note_totals",  # total rows in Notes A and B
    "omit_zero_lines",  # optional lines that are zero both years left out
    "extra_lines",  # the agency's own lines inside blocks (note 1, 3, 6, the mellomværende)
    "no_spending",  # posts with an allocation and no spending
    "second_chapter",  # grants on a second chapter of the agency's
    "transferred",  # overført fra i fjor on transferable posts
    "received_authority",  # a received belastningsfullmakt (another ministry's post)
    "given_authority",  # a given belastningsfullmakt (Note B's «utgiftsført av andre»)
    "merinntekt",  # a merinntektsfullmakt, one expense post against one or two revenue posts
    "omdisponering",  # omdisponering from post 01 to post 45 (Note B −X / +X)
    "savings",  # innsparinger
    "approved_overspend",  # samtykke til overskridelse covering an overspend
    "kan_nyttes_under",  # «kan nyttes under post …» covering an overspend, pooled in Note B
    "unexplained_overspend",  # an overspend nothing explains: OS-01 must warn
    "two_year_known",  # last year's appropriation of «kan overføres» posts stated in the context
    "samlet_reading",  # the 5 % computed on samlet tildeling (IMDi's reading: T-02 warns)
    "note_b_rows_without_basis",  # Note B rows for transferable posts with nothing to transfer
    "stikkord_in_post_texts",  # «Spesielle driftsutgifter, kan overføres» as budgets print post texts
    "vat",  # kap. 1633 post 01 and konto 1987
    "levy_lines",  # note 6 lines naming a sektoravgift's statskonto (a revenue row of the statement)
    "shares",  # post 90 kapitalinnskudd, note 5 shares, note 8 del B, a 62xxxx holding
    "revenue_column_full",  # the merinntekt column of the revenue rows filled on every row
    "note1_details",  # note 1 itemises its blocks
    "texts",  # the notes' free texts
    "underposts",  # post 24 of a forvaltningsbedrift as underposts 24.01 (income) and 24.02 (expenses)
    "overslagsbevilgning",  # an overspent «overslagsbevilgning» (issue 12.1)
    "omdisponering_covers_overspend",  # an omdisponering 01→45 covering post 45's overspend (12.2)
    "shared_merinntekt",  # one revenue post's merinntekt shared by two expense posts (12.3)
    "revenue_column_partial",  # the merinntekt column of the revenue rows partly filled (12.4)
    "stikkord_column_partial",  # Note B printing one of two stikkord: T-07 warns (12.5)
    "transfer_below",  # an agency asking to transfer less than it may: an info (12.6)
    "omit_subtotals",  # subtotals a note need not print left out (11.3)
    "omit_zero_sections",  # required lines and blocks of zeros left out (11.3)
    "underpost_shortfall",  # an underpost below budget inside a net post within its appropriation (11.4)
    "underposts_with_net",  # the net post printed above its underposts, counted once (11.4)
)

#: Features today's avstem does not handle yet: the test that forces each is an expected failure, for the
#: reason given, until the work lands.
WAITING: dict[str, str] = {}

#: Features forced into every example of a test of their own (besides the random mix): those landed last, so
#: that a regression in them shows on its first example.
FORCED = ("overslagsbevilgning", "omdisponering_covers_overspend", "shared_merinntekt", "revenue_column_partial",
          "stikkord_column_partial", "transfer_below", "omit_subtotals", "omit_zero_sections", "underpost_shortfall",
          "underposts_with_net")

#: The forms each agency is written in besides the YAML form with its context section.
FORMS = ("yaml", "yaml_without_context", "workbook_per_sheet", "workbook_one_sheet")

#: Forms today's avstem does not read (or judge) as the truth says yet.
#: Forms in which planted errors are found and the findings agree with the YAML form's (must pass); their
#: reading clean waits for the reasons above.
LANDED_FORMS = ("yaml_without_context", "workbook_per_sheet", "workbook_one_sheet")

WAITING_FORMS: dict[str, str] = {}

#: Features the forms without a context (the context read off the accounts) leave out of the property of
#: reading clean, each with why: what is open.
NOT_READ_OFF_THE_ACCOUNTS: dict[str, str] = {
    "shared_merinntekt": "one revenue post's merinntekt shared by two expense posts, read off the accounts, "
                         "with an omdisponering or «kan nyttes under» covering the same merutgift: OS-01 and "
                         "T-01 can divide the covers otherwise than the agency (a false info or error)",
}

#: Errors planted into figures only issue 12's rules check: each test is an expected failure until then.
WAITING_PLANTS: dict[str, str] = {
    "unpooled_kan_nyttes_under": "waits for issue 12.8: «kan nyttes under» counted twice (not pooled in Note B)",
}

#: The errors only issue 12's checks can see (tests/test_lawful_agencies.py plants each).
ISSUE12_PLANTS = ("levy_line", "del_b", "grants_vs_posts", "note8_vs_balance", "unpooled_kan_nyttes_under",
                  "unmatched_omdisponering")

ALL = LANDED + tuple(WAITING)


def landed() -> frozenset[str]:
    return frozenset(LANDED)

#: Bugs the properties found in today's avstem. The today tier leaves each case out (a plant that runs into
#: it, an agency that has it); ``test_a_found_bug`` keeps each minimal failing agency (tests/lawful/found/)
#: as a strict xfail until the bug is fixed — then delete the line here and the file there.
KNOWN_BUGS: dict[str, str] = {}

#: Bugs the properties found and that are fixed: each minimal agency (tests/lawful/found/) stays as a test
#: that must pass.
FIXED_BUGS: dict[str, str] = {
    "tie_to_omitted_line": "rules/lines.py (check_tie): a note total whose statement line the agency left out "
                           "as zero is tied to 0",
    "negative_maximum": "rules/catalogue/t.py (T-04): Note B's maximum on a post that can transfer nothing "
                        "must be 0, not only not above it",
}
