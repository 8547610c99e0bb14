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
)

#: Features today's avstem does not handle yet: the test that forces each is an expected failure, for the
#: reason given, until the work lands.
WAITING: dict[str, str] = {
    "overslagsbevilgning": "waits for issue 12.1: OS-01 warns on an overspent «overslagsbevilgning»",
    "omdisponering_covers_overspend": "waits for issue 12.2: OS-01 does not count an omdisponering 01→45",
    "shared_merinntekt": "waits for issue 12.3: T-01 expects a shared merinntekt whole on each expense post",
    "revenue_column_partial": "waits for issue 12.4: BR-02/BR-04 on a partly filled merinntekt column",
    "stikkord_column_partial": "waits for issue 12.5: T-07 errs when Note B prints one of two stikkord",
    "transfer_below": "waits for issue 12.6: NB-04 errs when an agency asks to transfer less than it may",
    "underpost_shortfall": "waits for issue 11.4: OS-01 judges an underpost (24.01 income below budget) "
                           "instead of its net post, which is within its appropriation",
    "underposts_with_net": "waits for issue 11.4: the net post printed above its underposts, counted once",
    "omit_zero_sections": "waits for the readers of issue 11.3: required lines and blocks of zeros left out",
    "omit_subtotals": "waits for the readers of issue 11.3: subtotals a note need not print left out",
}

#: The forms each agency is written in besides the YAML form with its context section.
FORMS = ("yaml", "yaml_without_context", "workbook_per_sheet", "workbook_one_sheet")

#: Forms today's avstem does not read (or judge) as the truth says yet.
WAITING_FORMS: dict[str, str] = {
    "yaml_without_context": "waits for issue 11.2: the context inferred from what the accounts print "
                            "(without it the T and OS rules do not run)",
    "workbook_per_sheet": "waits for issue 11.1: a workbook without avstem's own sections (one statement per "
                          "sheet) is refused",
    "workbook_one_sheet": "waits for issue 11.1: a workbook without avstem's own sections (all statements "
                          "on one sheet) is refused",
}

#: Errors planted into figures only issue 12's rules check: each test is an expected failure until then.
WAITING_PLANTS: dict[str, str] = {
    "levy_line": "waits for issue 12.10: a note 6 line against its statskonto's revenue row",
    "del_b": "waits for issue 12.11: note 8 del B against the shares holding and del A",
    "grants_vs_posts": "waits for issue 12.13: note 7's total against the regnskap of posts 50–89",
    "note8_vs_balance": "waits for issue 12.13: note 8's reported column against the mellomværende lines",
    "unpooled_kan_nyttes_under": "waits for issue 12.8: «kan nyttes under» counted twice (not pooled in Note B)",
    "unmatched_omdisponering": "waits for issue 12.9: +X on post 45 without −X on post 01",
}

ALL = LANDED + tuple(WAITING)


def landed() -> frozenset[str]:
    return frozenset(LANDED)

#: Bugs the properties found in today's avstem. The today tier leaves each case out (a plant that runs into
#: it, an agency that has it); ``test_a_found_bug`` keeps each minimal failing agency (tests/lawful/found/)
#: as a strict xfail until the bug is fixed — then delete the line here and the file there.
KNOWN_BUGS: dict[str, str] = {
    "tie_to_omitted_line": "bug in rules/lines.py (check_tie): a note total whose statement line the agency "
                           "left out as zero is not tied to 0, and with no detail lines printed no rule checks it",
    "negative_maximum": "bug in rules/catalogue/t.py (T-04): Note B's maximum on a post that can transfer "
                        "nothing is checked only above 0; a negative maximum (a sign slip) passes",
}
