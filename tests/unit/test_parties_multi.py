"""Parties of multi-party agreements (consortia, joint ventures): every party with its alias and
role, none lost to a table of contents or a layout, none taken from another agreement."""

from __future__ import annotations

import pytest

from coaltext.structure.parties import find_parties


def _found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.alias, p.role) for p in find_parties(text)]


def test_the_preamble_after_a_table_of_contents_gives_the_cover_pages_parties_their_aliases():
    text = ("JOINT VENTURE AGREEMENT\n\nby and among\n\nNorrland Wafer Limited\n\nKestrel Semiconductor Limited\n\n"
            "and\n\nHalvorsen, Inc.\n\nDate\n\nMay 23, 2017\n\n\n\nTABLE OF CONTENTS\n\n"
            "Article I Definitions 1\n\n2.1 Representations of NWL and KSL 4 2.2 Representations of HAL 6\n\n"
            "Article IX Put Option 19\n\n9.1 NWL's Right to Require the Purchase of the Shares by HAL 19\n\n-ii-\n\n"
            "JOINT VENTURE AGREEMENT\n\nTHIS JOINT VENTURE AGREEMENT (\"Agreement\") is made as of May 23, 2017 by and "
            "among Norrland Wafer Limited (\"NWL\"), a company incorporated in Sweden, Kestrel Semiconductor Limited "
            "(\"KSL\"), a company incorporated in Norway, and Halvorsen, Inc. (\"HAL\"), a Delaware corporation "
            "(collectively referred to as the \"Parties\" and individually, a \"Party\").\n\nW I T N E S S E T H:\n\n"
            "WHEREAS, Norrland Wafer Services Limited (\"NWS\") has been engaged in wafer foundry services.\n")
    assert _found(text) == [("Norrland Wafer Limited", "NWL", None), ("Kestrel Semiconductor Limited", "KSL", None),
                            ("Halvorsen, Inc.", "HAL", None)]


def test_a_general_partner_after_its_partnership_on_a_cover_page():
    text = ("STRATEGIC ALLIANCE AGREEMENT\n\nAmong   NORTHWIND BANKING CORPORATION   And   ALDER & COMPANY HOLDINGS LP, "
            "ALDER & COMPANY HOLDINGS GP LLC   Dated December 27, 2011\n\n")
    assert [name for name, _, _ in _found(text)] == [
        "NORTHWIND BANKING CORPORATION", "ALDER & COMPANY HOLDINGS LP", "ALDER & COMPANY HOLDINGS GP LLC"]


def test_a_later_mention_of_an_alias_ending_in_a_legal_form_is_no_party_and_no_alias_source():
    text = ("This Agreement is entered into as of December 27, 2011 by and among Northwind Banking Corporation "
            "(\"NBC\"), a Japanese corporation, and Alder & Company Holdings LP (\"Alder Holdings\"), a Delaware limited "
            "partnership, and Alder & Company Holdings GP LLC, a Delaware limited liability company (\"Alder General "
            "Partner\", and together with Alder Holdings, the \"Alder Entities\"), and Westbrook Ireland, Inc. (\"WI "
            "Inc.\"). NBC, WI Inc., Alder Holdings and Alder General Partner are each referred to herein as a "
            "\"party\".   W I T N E S S E T H:   WHEREAS, NBC and "
            "Alder Holdings entered into that certain Strategic Alliance Agreement (the \"Prior Agreement\");\n")
    assert _found(text) == [("Northwind Banking Corporation", "NBC", None),
                            ("Alder & Company Holdings LP", "Alder Holdings", None),
                            ("Alder & Company Holdings GP LLC", "Alder General Partner", None),
                            ("Westbrook Ireland, Inc.", "WI Inc", None)]


def test_a_lower_case_inc_and_a_role_given_to_each_member():
    text = ("JOINT VENTURE AGREEMENT THIS JOINT VENTURE AGREEMENT (the \"Agreement\") made and entered into this 20th "
            "day of March 2020, BETWEEN: LendWell.com, inc of 512 Bayshore DR, suite 201 Fort Lauderdale FL 33304, and "
            "Kestrel Health, LLC of 4060 Johns Creek Parkway Suwanee, GA 30024 (individually the \"Member\" and "
            "collectively the \"Members\"). BACKGROUND: A. The Members wish to set up a joint venture.\n")
    assert _found(text) == [("LendWell.com, inc", None, "Member"), ("Kestrel Health, LLC", None, "Member")]


def test_party_labels_on_their_own_lines():
    text = ("INTERNET CHANNEL COOPERATION AGREEMENT\n\n     Party A:\n\n  Beijing Norrland Netcom Technology Co., Ltd.\n\n"
            "  Address:\n\n  10 Shangdi Street, Beijing\n\n    Party B:\n\n  Alder Online Housing (Hong Kong) Co., Ltd.\n\n"
            "  Address:\n\n  58 Beisihuan Xilu, Beijing\n\n   Party C: Beijing Kestrel Information Services Co., Ltd. "
            "Address: 58 Beisihuan Xilu, Beijing   In this Agreement, Party A, Party B and Party C individually a "
            "\"Party\".   WHEREAS:   1. Party A provides search services.\n")
    assert _found(text) == [("Beijing Norrland Netcom Technology Co., Ltd.", "Party A", "Party A"),
                            ("Alder Online Housing (Hong Kong) Co., Ltd.", "Party B", "Party B"),
                            ("Beijing Kestrel Information Services Co., Ltd.", "Party C", "Party C")]


def test_the_parties_of_an_amended_agreement_are_not_parties_of_the_amendment():
    text = ("AMENDMENT AND TERMINATION OF JOINT VENTURE AGREEMENT\n\nThis AMENDMENT (this \"Amendment\") is made as of "
            "October 30, 2019 by and among (1) Norrland AB, a Swedish corporation (\"Norrland AB\") and Norrland US, Inc., "
            "a Delaware corporation (\"Norrland US\" and together with Norrland AB, the \"Norrland Parties\"), and (2) "
            "Kestrel Kogyo Co., Ltd., a Japanese corporation (\"Kestrel\"), as an amendment to that certain Joint Venture "
            "Agreement dated March 7, 2016 by and among Alder ASP, Inc. (\"Alder ASP\"), Alder AB (\"Alder AB\") and "
            "Alder Holding, Inc. (\"Alder Holding\" and together with Alder ASP and Alder AB, the \"Alder Parties\") and "
            "Kestrel (the \"JV Agreement\").\n\nRECITALS\n\n(A) The Alder Parties and Kestrel entered into the JV "
            "Agreement.\n")
    assert _found(text) == [("Norrland AB", "Norrland AB", None), ("Norrland US, Inc.", "Norrland US", None),
                            ("Kestrel Kogyo Co., Ltd.", "Kestrel", None)]


def test_a_lower_case_word_in_a_name_alone_in_its_column_and_a_subsidiary_after_the_recitals():
    text = ("STRATEGIC ALLIANCE AGREEMENT      This Agreement is made by and between:    NORRLAND Inc.    With principal "
            "offices at 15 Allstate Parkway, Markham, Canada (\"NORRLAND\")          AND       Petro data Kestrel Services "
            "Limited.,          With principal offices at 1 Motorways Avenue, Lagos, Nigeria (\"PDKS\")      As of the date "
            "set forth below.       Whereas, Norrland is the developer of certain products:       Whereas, PDKS desires "
            "to become an associate of Norrland;    \"NORRLAND\" means Norrland Inc. and its subsidiary Norrland "
            "Technologies Inc.,\n")
    # ("Limited.," ends in a stray full stop: "Limited" is no abbreviation)
    assert _found(text) == [("NORRLAND Inc.", "NORRLAND", None), ("Petro data Kestrel Services Limited", "PDKS", None)]


def test_a_name_after_an_address_or_a_law_is_not_joined_to_it():
    text = ("THIS AGREEMENT is made between NORRLAND GRASSLAND RESEARCH LIMITED (\"NIGR\"), a company limited by "
            "guarantee, having an office at Plas Gogerddan, Aberystwyth, SY23 3EB, United Kingdom and KESTREL, INC. "
            "(\"KESTREL\"), a Delaware corporation, and ALDER PTE, LTD., a company existing under the laws of Singapore "
            "and Halvorsen Computer Industries Ltd, a company existing under the laws of Israel (each and both of them "
            "\"Recipient\").\n\nRECITALS\n")
    found = _found(text)
    assert [name for name, _, _ in found] == ["NORRLAND GRASSLAND RESEARCH LIMITED", "KESTREL, INC.",
                                               "ALDER PTE, LTD.", "Halvorsen Computer Industries Ltd"]
    assert found[1][1] == "KESTREL" and found[2][2] == found[3][2] == "Recipient" and found[3][1] is None


def test_a_group_named_together_with_affiliates_is_no_party_and_recitals_give_no_alias():
    text = ("This Cooperation Agreement is made by and between Norrland Investments Cyprus Limited (\"NICL\"), and "
            "Kestrel plc, a public company limited by shares (\"Kestrel\", and, together with its Affiliates, \"Westbrook "
            "Group\").\n\nRECITALS\n\n(A) On 14 May 2015, NICL and Kestrel entered into a deed of subscription (the "
            "\"Deed of Subscription\").\n")
    assert _found(text) == [("Norrland Investments Cyprus Limited", "NICL", None), ("Kestrel plc", "Kestrel", None)]


def test_a_party_labelled_on_its_line_keeps_its_label_when_a_recital_defines_a_term():
    text = ("Collaboration Agreement This Collaboration Agreement is made and entered into by and between the following "
            "parties. Party A: Norrland Chuxing Technology Co., Ltd. Legal Representative: Ting Chen Party B: Kestrel "
            "Financial Leasing Co., Ltd Legal Representative: Xianglong Li Party A and Party B shall be individually "
            "referred to as a \"Party\". Whereas 1. As a platform, Party A assists the Driver User (hereinafter referred "
            "to as the \"Driver User\") to lease vehicles from Party B.\n")
    assert [alias for _, alias, _ in _found(text)] == ["Party A", "Party B"]


def test_a_lower_case_plc_and_a_register_number_in_its_description():
    text = ("This Strategic Alliance Agreement is by and between Norrland Associates, Inc., a Florida Corporation (\"NA\") "
            "and  Kestrel Software Group plc, a company registered under the laws of England and Wales (Registered Company "
            "No. 5701810) whose registered office is Kestrel House, Surrey GU24 9PW (\"Kestrel\").    Background    "
            "WHEREAS, Kestrel desires to engage NA.\n")
    assert _found(text) == [("Norrland Associates, Inc.", "NA", None), ("Kestrel Software Group plc", "Kestrel", None)]


@pytest.mark.timeout(1)  # a hang guard: 0.01 s now, 1.6 s before
def test_the_search_for_a_preamble_after_the_contents_is_quick():
    """The opening "This … Agreement … between" is searched for over 15,000 characters after a table
    of contents; trying each later "Agreement" took 1.6 s on "This Agreement AGREEMENT" repeated."""
    text = "between Acme Inc. and Beta Ltd\nTABLE OF CONTENTS\n" + "This Agreement AGREEMENT " * 4000
    assert [p.name for p in find_parties(text)] == ["Acme Inc.", "Beta Ltd"]


def test_the_members_of_a_joint_venture_party_and_a_partys_former_name():
    text = ("This Agency Agreement is made as of April 18, 2018, by and between Norrland Stores, Inc. (\"Merchant\"), on "
            "the one hand, and (a) a contractual joint venture comprised of GA Kestrel, Inc. (\"GA\") and Tiger Alder "
            "Group, LLC (\"Tiger\" and collectively with GA, the \"Agent\") and (b) Westbrook Holding, Inc. (formerly "
            "known as Tarzan HoldCo, Inc.), a Delaware corporation (\"Buyer\"), on the other hand.\n\nWHEREAS, the "
            "Merchant sells goods.\n")
    assert _found(text) == [("Norrland Stores, Inc.", "Merchant", None), ("GA Kestrel, Inc.", "GA", None),
                            ("Tiger Alder Group, LLC", "Tiger", None), ("Westbrook Holding, Inc.", "Buyer", "Buyer")]


_COVER = ("JOINT VENTURE AGREEMENT\nby and among\nNordic Kestrel Semiconductor Limited\nKestrel Semiconductor Limited\n"
          "and\nHalvorsen, Inc.\nTABLE OF CONTENTS\nArticle I Definitions 1\nArticle II Representations 4\n")


def test_a_preamble_name_that_a_pdf_line_wraps_is_read_across_the_break():
    """ "by and among Nordic⏎Kestrel Semiconductor Limited ("NKS")" names the cover page's first party,
    not its second (which would take the alias "NKS" and lose its own "KSL")."""
    text = _COVER + (
        "THIS JOINT VENTURE AGREEMENT (\"Agreement\") is made as of this 23rd day of May, 2017 by and among Nordic\n"
        "Kestrel Semiconductor Limited (\"NKS\"), a kabushiki kaisha incorporated in Japan, Kestrel Semiconductor "
        "Limited\n(\"KSL\"), a kabushiki kaisha incorporated in Japan, and Halvorsen, Inc. (\"HAL\"), a Delaware "
        "corporation.\nWHEREAS, NKS makes wafers.\n")
    assert _found(text) == [("Nordic Kestrel Semiconductor Limited", "NKS", None),
                            ("Kestrel Semiconductor Limited", "KSL", None), ("Halvorsen, Inc.", "HAL", None)]


def test_a_wrapped_name_after_a_lower_case_word_or_without_a_legal_form_is_one_party():
    text = ("This Strategic Alliance Agreement is entered into as of December 27, 2011 by and among Westbrook Banking "
            "Corporation\n(\"WBC\"), a Japanese corporation with its head office in Tokyo, Japan and its subsidiary "
            "NBC\nAlder Securities Inc. (\"Alder\"), a Japanese corporation, and THE INSTITUTE OF FJORD AND\nCOASTAL "
            "RESEARCH (\"IFCR\"), a company limited by guarantee.\nWHEREAS, the parties wish to cooperate.\n")
    assert _found(text) == [("Westbrook Banking Corporation", "WBC", None),
                            ("NBC Alder Securities Inc.", "Alder", None),
                            ("THE INSTITUTE OF FJORD AND COASTAL RESEARCH", "IFCR", None)]


def test_a_preamble_name_cut_to_its_end_is_the_cover_pages_party_not_a_new_one():
    text = ("LICENSE AGREEMENT\n\nbetween\n\nACME NORTH AMERICA INC.\n\nand\n\nBETA LLC\n\nTABLE OF CONTENTS\n\n"
            "1. Definitions 1\n2. Licence 3\n\nThis Agreement is made between Acme\nNorth America Inc. (\"Acme\") and "
            "Beta LLC (\"Beta\").\n\nWHEREAS, Acme makes widgets.\n")
    assert _found(text) == [("ACME NORTH AMERICA INC.", "Acme", None), ("BETA LLC", "Beta", None)]


def test_a_role_given_to_each_member_of_a_list_goes_to_those_without_an_alias():
    text = ('This Operating Agreement is made between Acme Inc. ("Acme") and Beta LLC and Gamma LLC (each a "Member").'
            "\n\nWHEREAS")
    assert _found(text) == [("Acme Inc.", "Acme", None), ("Beta LLC", None, "Member"), ("Gamma LLC", None, "Member")]
    text = ('This CREDIT AGREEMENT is entered into as of May 1, 2019 among Acme Inc., a Delaware corporation ("Acme"), '
            'Beta Bank, N.A. and the other financial institutions from time to time party hereto (each a "Lender" and '
            'collectively the "Lenders").\n\nWHEREAS')
    assert _found(text) == [("Acme Inc.", "Acme", None), ("Beta Bank, N.A.", None, "Lender")]
    text = text.replace('("Acme")', "(formerly Acme Corp.)")  # before the last bracket: not in the list
    assert _found(text) == [("Acme Inc.", None, None), ("Beta Bank, N.A.", None, "Lender")]


def test_a_numbered_trust_is_a_party_and_inc_without_a_comma_is_including():
    text = ('This Agreement is made between Acme Inc. ("Acme") and Westfield Trust No. 2, a Delaware statutory trust '
            '("Trust").\n\nWHEREAS')
    assert _found(text) == [("Acme Inc.", "Acme", None), ("Westfield Trust", "Trust", None)]
    text = ('This Agreement is made between Acme Inc. ("Seller") and Beta Ltd ("Buyer").\n'
            "Contract Price inc. VAT: 100.\n")
    assert [name for name, _, _ in _found(text)] == ["Acme Inc.", "Beta Ltd"]


def test_a_clause_after_the_contents_is_no_preamble():
    """When the preamble after the contents is not found ("FRANCHISE AGREEMENT made this …"), no
    clause of the body that opens "This Agreement … between" is read as one."""
    clause = "The Franchisee shall operate the Store in accordance with the Manual."
    filler = "\n\n".join(f"{i}.1 {clause}" for i in range(2, 40))
    cover = ("FRANCHISE AGREEMENT\n\nbetween\n\nACME FRANCHISING, INC.\n\nand\n\nTHE FRANCHISEE NAMED BELOW\n\n"
             "TABLE OF CONTENTS\n\n1. Grant ..... 1\n2. Fees ..... 3\n\n")
    text = (cover + 'FRANCHISE AGREEMENT made this 1st day of May, 1998, by and between Acme Franchising, Inc. '
            '("Franchisor") and the person named below ("Franchisee").\n\n1. Grant\n\n' + filler + "\n\n20.4 This "
            "Agreement, as made and entered into, creates no agency between Franchisee and Microsoft Corporation, "
            'Acme\'s technology vendor ("Vendor").\n')
    assert _found(text) == [("ACME FRANCHISING, INC.", "Franchisor", "Franchisor")]
    text = (cover + filler + "\n\nThis Agreement shall be binding between Acme and any Sublicensee, including Gamma "
            'Holdings Ltd. ("Gamma"), and Delta Corp.\n')
    assert [name for name, _, _ in _found(text)] == ["ACME FRANCHISING, INC."]


def test_edgars_table_of_contents_link_inside_the_preamble_ends_no_list_of_parties():
    text = ('SUPPLY AGREEMENT\n\nThis Supply Agreement (this "Agreement") is entered into as of May 1, 2019 by and '
            'between Acme Inc., a Delaware corporation with offices at 1 Main Street, Springfield ("Acme"),\n\n2\n\n'
            'Table of Contents\n\nand Beta LLC, a Nevada limited liability company ("Beta").\n\nWHEREAS, Acme makes '
            "it.\n")
    assert _found(text) == [("Acme Inc.", "Acme", None), ("Beta LLC", "Beta", None)]
    text = text.replace('("Acme"),\n\n2\n\nTable of Contents\n\nand Beta', '("Acme"), and\n\n2\n\nTable of Contents\n\nBeta')
    assert _found(text) == [("Acme Inc.", "Acme", None), ("Beta LLC", "Beta", None)]


def test_a_verb_before_a_name_is_not_part_of_it_and_a_bank_label_is_no_alias():
    text = ('This Agreement is made between Acme Inc. ("Acme"), and\nServices provided Global Limited, a UK company '
            '("Global").\n\nWHEREAS')
    assert [name for name, _, _ in _found(text)] == ["Acme Inc.", "Global Limited"]
    text = ("AGREEMENT\n\nParty A:\nAcme Co., Ltd.\n\nParty B:\nBeta Co., Ltd.\n\n"
            "Bank:\nChina Merchants Bank Co., Ltd.\n\nWHEREAS")
    assert _found(text)[2] == ("China Merchants Bank Co., Ltd.", None, None)


# ---------------------------------------------------------------------------------- party groups


def _groups(text: str) -> dict[str, list[str]]:
    """Each group's name with its members (their aliases, else their names), in order."""
    out: dict[str, list[str]] = {}
    for p in find_parties(text):
        for g in p.groups:
            out.setdefault(g, []).append(p.alias or p.name)
    return out


def test_groups_defined_in_a_partys_bracket_hold_it_and_those_it_is_together_with():
    text = ("This Amendment is made on October 30, 2019 by and among (1) Vessel AB, a Swedish corporation (\"Vessel AB\") "
            "and Vessel US, Inc., a Delaware corporation (\"Vessel US\" and together with Vessel AB, the \"Vessel "
            "Parties\"), and (2) Nimbus Kogyo Co., Ltd., a Japanese corporation (\"Nimbus\"), Nimbus Holdings USA, Inc., "
            "an Ohio corporation (\"Nimbus Holding\") and Zhaoqing Nimbus Industry Co., Ltd., a PRC company (\"NZ\" and "
            "together with Nimbus and Nimbus Holding, the \"Nimbus Parties\").\n\nWHEREAS, the parties wish to amend.\n")
    assert _groups(text) == {"Vessel Parties": ["Vessel AB", "Vessel US"],
                             "Nimbus Parties": ["Nimbus", "Nimbus Holding", "NZ"]}
    assert len(find_parties(text)) == 5  # a group is no party


def test_a_group_may_hold_an_earlier_group_and_a_party_may_be_in_two():
    text = ("This Agreement is entered into as of July 1, 2009 by and among PHARE VARIABLE INSURANCE COMPANY (\"PVIC\"), "
            "PHARE LIFE INSURANCE COMPANY (\"PLIC\" and, together with PVIC, \"Phare Variable\"), PHARE EQUITY "
            "CORPORATION (\"PEC\" and, together with PVIC and PLIC, the \"Phare Parties\"), and INVESTORS TRUST "
            "CORPORATION (\"ITC\"). Under this Agreement, PEC and ITC will collectively be referred to as \"SERVICERS.\" "
            "Each of the Phare Parties and ITC is referred to herein as a \"Party\" and collectively as the \"Parties\".\n")
    assert _groups(text) == {"Phare Variable": ["PVIC", "PLIC"], "Phare Parties": ["PVIC", "PLIC", "PEC"],
                             "SERVICERS": ["PEC", "ITC"]}  # "the Parties" holds all four: no group


def test_a_bracket_after_a_list_of_names_groups_the_list_and_its_name_is_no_alias():
    text = ("This Cooperation Agreement is entered into as of July 1, 2020 by and between Elm Beauty, Inc., a Delaware "
            "corporation (the \"Company\"), and Harbor Partners Equity Management, LLC (\"Harbor Partners\"), Harbor "
            "Partners L.P., Harbor Focus Fund L.P., Quill Research & Management, LLC and Mario Quill (collectively, the "
            "\"Harbor Parties\") (each of the Company, on the one hand, and the Harbor Parties, on the other hand, a "
            "\"Party\", and collectively, the \"Parties\").\n")
    assert _groups(text) == {"Harbor Parties": ["Harbor Partners", "Harbor Partners L.P.", "Harbor Focus Fund L.P.",
                                                "Quill Research & Management, LLC"]}
    text = ("WQZZ, Inc. and WQZZ Licensee, Inc. (collectively \"WQZZ\") and Nexus Broadcasting of Peoria, L.L.C. "
            "(\"NEXUS\") hereby enter into this Agreement dated November 28, 2001.\n")
    assert [(p.name, p.alias, p.groups) for p in find_parties(text)] == [
        ("WQZZ, Inc.", None, ["WQZZ"]), ("WQZZ Licensee, Inc.", None, ["WQZZ"]),
        ("Nexus Broadcasting of Peoria, L.L.C.", "NEXUS", [])]


def test_members_named_each_and_collectively_are_a_group_and_each_has_the_role():
    text = ("JOINT VENTURE AGREEMENT\n\nBETWEEN: LendCash.com, inc of 512 Bayshore DR, suite 201 Fort Lauderdale FL "
            "33304, and JVQS, LLC of 4060 Johns Creek Parkway Suite H Suwanee, GA 30024 (individually the \"Member\" "
            "and collectively the \"Members\").\n\nBACKGROUND:\n")
    assert [(p.name, p.role, p.groups) for p in find_parties(text)] == [
        ("LendCash.com, inc", "Member", ["Members"]), ("JVQS, LLC", "Member", ["Members"])]


def test_the_parties_named_by_a_sentence_are_a_group_only_when_fewer_than_all():
    text = ("This Co-Branding Agreement is made on April 1, 2006 among (a) Skiff Communications, S.A. (\"Skiff\"); "
            "(b) Skiff Technologies, S.A. (\"Skiff Holding\"); (c) TAM Online (BVI) Limited (\"Online BVI\"); (d) TAM "
            "Online Inc. (\"Tam Holding\"); and (e) Tel-Line Limited (\"Company\"). Skiff, Online BVI and the Company "
            "may be referred to individually as \"Party\" and collectively as \"Parties.\" Skiff, Online BVI, the "
            "Company, Skiff Holding and Tam Holding may be referred to individually as \"party to this Agreement\" and "
            "collectively as \"parties to this Agreement.\"\n\nRECITALS\n")
    assert _groups(text) == {"Parties": ["Skiff", "Online BVI", "Company"]}
    text = ("INTERNET CHANNEL COOPERATION AGREEMENT\n\nParty A: Beijing Bright Netcom Co., Ltd.\n\nParty B: China "
            "Home Online (Hong Kong) Co., Ltd.\n\nParty C: Beijing Lejia Information Services Co., Ltd.\n\nIn this "
            "Agreement, Party A, Party B and Party C individually a \"Party\", collectively the \"Parties\".\n")
    assert len(find_parties(text)) == 3 and _groups(text) == {}


def test_one_party_with_others_that_are_no_parties_gets_an_alias_not_a_group():
    text = ("This Supply Agreement is entered into as of May 1, 2019 by and between Milten Biotec GmbH, a German company "
            "(\"Milten\"), and Bellcurve Pharmaceuticals, Inc., a Delaware corporation having a registered office in "
            "Houston, TX 77030 (on behalf of itself and its Affiliates, individually and collectively referred to as "
            "\"Bellcurve\").\n\nWHEREAS, Milten makes reagents.\n")
    assert [(p.alias, p.groups) for p in find_parties(text)] == [("Milten", []), ("Bellcurve", [])]
    text = ("This Non-Competition Agreement is made as of May 1, 2019 by and between VIVID SOLAR, INC., a Delaware "
            "corporation (together with its successors and permitted assigns, \"Vivid Solar\"), and VIVID, INC., a Utah "
            "corporation (\"Vivid\", together with its successors and permitted assigns, \"Seller\").\n")
    assert [(p.alias, p.groups) for p in find_parties(text)] == [("Vivid Solar", []), ("Vivid", [])]
    text = ("This Cooperation Agreement is made as of June 16, 2017 by and between Opal Investments Cyprus Limited "
            "(\"OICL\" and together with its Affiliates, \"Opal\") and KIWI plc, a Cyprus company (\"KIWI\", and, "
            "together with its Affiliates, \"KIWI Group\").\n\nRECITALS\n")
    assert _groups(text) == {"Opal": ["OICL"], "KIWI Group": ["KIWI"]}  # its own alias first: the group is more


def test_a_list_of_parties_is_no_party_and_a_thing_is_no_group():
    text = ("This Marketing Agreement is made as of May 1, 2018 by and between Lapis Industries, Inc., a Nevada "
            "corporation (\"Lapis\"), and Indigo Lapis Technologies, LLC, a Delaware limited liability company "
            "(\"Joint Venture Company\") (each of Lapis and Joint Venture Company is a \"Party\"; together they are the "
            "\"Parties\").\n\nBACKGROUND\n")
    assert [p.name for p in find_parties(text)] == ["Lapis Industries, Inc.", "Indigo Lapis Technologies, LLC"]
    assert _groups(text) == {}
    text = ("This Remarketing Agreement is made as of June 5, 2008 among Regal Group, Inc. (the \"Company\"), Atlas "
            "Capital Trust (the \"Amended Trust Agreement\" and, together with the Original Trust Agreement, the "
            "\"Trust Agreement\"), and Bank of New York Mellon, N.A. (the \"Unit Agent\").\n")
    assert _groups(text) == {}


def test_parties_fewer_than_those_found_are_no_group_unless_another_name_holds_them_all():
    text = ("This Agreement is entered into as of November 20, 2007 by and between Morgan Stone & Co. Incorporated, a "
            "Delaware corporation (\"MS\"), Harbor Index Inc., a Delaware corporation (\"HI\") and Delta Data LLC "
            "(\"DD\"). MS and HI are collectively referred to as the \"Parties\".\n\n1. DEFINITIONS\n")
    assert len(find_parties(text)) == 3 and _groups(text) == {}  # the third is more likely misread than no party


def test_a_name_a_pdf_line_breaks_still_names_a_member():
    text = ("This Amendment is made on October 30, 2019 by and among Nimbus Kogyo Co., Ltd., a Japanese corporation "
            "(\u201cNimbus\u201d), Nimbus Kogyo Holdings USA, Inc., an Ohio corporation (\u201cNimbus\nHolding\u201d) and "
            "Zhaoqing Nimbus Industry Co., Ltd., a PRC company (\u201cNZ\u201d and together with Nimbus and\nNimbus "
            "Holding, the \u201cNimbus Parties\u201d).\n\nWHEREAS, the parties wish to amend.\n")
    assert [len(p.groups) for p in find_parties(text)] == [1, 1, 1]
    text = text.replace("Nimbus\nHolding", "Nimbus Holding").replace("and\nNimbus Holding", "and Nimbus\nHolding")
    assert [len(p.groups) for p in find_parties(text)] == [1, 1, 1]


def test_a_party_whose_alias_a_later_group_reuses_stays_and_a_misread_after_the_group_goes():
    text = ("This Agreement is made as of May 1, 2020 by and among Acme Inc. (\"Licensor\"), Beta LLC (\"Beta\") and "
            "Gamma LLC (\"Gamma\", and together with Beta, the \"Licensor\").\n\nWHEREAS\n")
    assert [(p.name, p.alias) for p in find_parties(text)] == [("Acme Inc.", "Licensor"), ("Beta LLC", "Beta"),
                                                               ("Gamma LLC", "Gamma")]
    assert _groups(text) == {"Licensor": ["Beta", "Gamma"]}
    # "the Placement, the Issuer shall pay … (the "Brokers' Fee")" reads a party "Placement" aliased "Brokers"
    text = ("AGENCY AGREEMENT May 1, 2015 Lakeside Pharma Inc. 10 Elm Avenue Milton, Ontario Dear Ms. Roe: The "
            "undersigned, Norrland Securities Ltd. (the \"Lead Broker\"), Kestrel Capital Inc., and Alder Finch & Co. "
            "Ltd. (collectively with the Lead Broker, the \"Brokers\" and each individually a \"Broker\") understand "
            "that Lakeside Pharma Inc. (the \"Issuer\") proposes to sell up to 1,000,000 of its shares (the \"Shares\"). "
            "The sale of the Shares is referred to in this Agreement as the \"Placement\". In return for the Brokers' "
            "work in connection with the Placement, the Issuer shall pay to the Brokers a cash fee (the \"Brokers' "
            "Fee\") equal to 7.0% of the proceeds.\n\n1. Terms\n")
    assert [(p.name, p.alias) for p in find_parties(text)] == [
        ("Lakeside Pharma Inc.", "Issuer"), ("Norrland Securities Ltd.", "Lead Broker"), ("Kestrel Capital Inc.", None),
        ("Alder Finch & Co. Ltd.", None)]
    assert _groups(text) == {"Brokers": ["Lead Broker", "Kestrel Capital Inc.", "Alder Finch & Co. Ltd."]}


def test_together_with_in_a_sentence_groups_the_names_it_opens_with_not_the_last_party():
    head = ("This Services Agreement is made as of May 1, 2020 by and between Acme Inc., a Delaware corporation "
            "(\"Company\"), and Beta LLC, a Texas limited liability company (\"Consultant\"). ")
    text = head + "The Company, together with its subsidiaries, is referred to as the \"Company Group\".\n\nWHEREAS\n"
    assert _groups(text) == {"Company Group": ["Company"]}  # one party and its subsidiaries: never Beta
    text = head + "Company together with Consultant shall be the \"Team\".\n\nWHEREAS\n"
    assert _groups(text) == {"Team": ["Company", "Consultant"]}
    text = head + "Each of them, together with its Affiliates, is a \"Group Member\".\n\nWHEREAS\n"
    assert _groups(text) == {}  # not only names before the cue: not known who
    text = ("This Agreement is made as of May 1, 2020 by and among Acme Inc. (\"Acme\") and Beta LLC, together with its "
            "affiliates, the \"Beta Group\".\n\nWHEREAS\n")
    assert [(p.alias, p.groups) for p in find_parties(text)] == [("Acme", []), ("Beta Group", [])]
