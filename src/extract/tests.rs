use super::*;

/// (inner text, kind, speaker name, rule) of each top-level quote.
fn top(article: &str) -> Vec<(String, &'static str, Option<String>, &'static str)> {
    let mut ex = Extractor::new();
    let found = ex.extract(article);
    found
        .quotes()
        .iter()
        .filter(|q| q.nested_in.is_none())
        .map(|q| {
            (
                found.text_of(q).to_string(),
                q.kind.name(),
                found.speaker_name(q).map(str::to_string),
                q.rule.name(),
            )
        })
        .collect()
}

fn speakers(article: &str) -> Vec<Option<String>> {
    top(article).into_iter().map(|q| q.2).collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

#[test]
fn each_attribution_pattern() {
    for (article, want, rule) in [
        ("“We will win,” Smith said.", "Smith", "x_said"),
        ("“We will win,” said Smith.", "Smith", "said_x"),
        (
            "Smith told reporters that “we will win.”",
            "Smith",
            "x_said_before",
        ),
        (
            "Smith, a representative of the union, told Reuters: “We will win.”",
            "Smith",
            "x_said_before",
        ),
        (
            "“We will win,” according to Smith.",
            "Smith",
            "according_to",
        ),
        (
            "According to Smith, “we will win.”",
            "Smith",
            "according_to",
        ),
        (
            "Smith said in an interview with CNN that “we will win.”",
            "Smith",
            "x_said_before",
        ),
        (
            "Kremlin spokesman Dmitry Peskov said: “We will win.”",
            "Dmitry Peskov",
            "x_said_before",
        ),
        (
            "“We will win,” said Sen. Jane Doe (R-Ohio).",
            "Jane Doe",
            "said_x",
        ),
        ("Smith: “We will win”", "Smith", "colon"),
        (
            "“We will win,” U.S. officials said.",
            "U.S. officials",
            "x_said",
        ),
        (
            "“We will win,” the ministry said in a statement.",
            "ministry",
            "x_said",
        ),
        (
            "Smith called the plan “a disaster for the city.”",
            "Smith",
            "x_said_before",
        ),
        (
            "Smith wants the city to be “a place for everyone.”",
            "Smith",
            "subject",
        ),
    ] {
        let got = top(article);
        assert_eq!(got.len(), 1, "{article}");
        assert_eq!(got[0].1, "speech", "{article}");
        assert_eq!(got[0].2.as_deref(), Some(want), "{article}");
        assert_eq!(got[0].3, rule, "{article}");
    }
}

#[test]
fn a_split_quote_has_one_speaker() {
    let got = top("“We will win,” Smith said. “And we will win again.”");
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].2, s("Smith"));
    assert_eq!(got[1].3, "split");
}

#[test]
fn pronouns_and_surnames_resolve_to_the_full_name() {
    let article = "Russian President Vladimir Putin spoke on Tuesday.\n\
        “We will not stop,” he said.\n\
        “Nobody will stop us,” Putin added.\n\
        Officials in Kyiv disagreed. “They are lying,” they said.";
    let got = speakers(article);
    assert_eq!(got[0], s("Vladimir Putin"));
    assert_eq!(got[1], s("Vladimir Putin"));
}

#[test]
fn pronoun_points_back_to_the_last_named_speaker() {
    let article = "“We will win,” said Mayor Ana Diaz.\n“Taxes stay,” she added.";
    let got = top(article);
    assert_eq!(got[1].2, s("Ana Diaz"));
    assert_eq!(got[1].3, "pronoun");
}

#[test]
fn scare_quotes_titles_and_names_are_other() {
    for article in [
        "Russia calls it a so-called “special military operation” in Ukraine.",
        "He wrote the book “The Art of the Deal” in 1987.",
        "The ship “Odyssey” left port.",
        "Die Plattform „Odyssey“ wurde eingestellt.",
    ] {
        let got = top(article);
        assert_eq!(got.len(), 1, "{article}");
        assert_eq!(got[0].1, "other", "{article}");
        assert_eq!(got[0].2, None, "{article}");
    }
}

#[test]
fn german_attribution() {
    let got = top("„Wir werden das schaffen“, sagte Bundeskanzlerin Angela Merkel am Montag.");
    assert_eq!(got[0].2, s("Angela Merkel"));
    let got =
        top("Der Sprecher der Regierung sagte: „Wir prüfen das.“ Die Opposition war dagegen.");
    assert_eq!(got[0].1, "speech");
    assert!(got[0].2.as_deref().unwrap().contains("Sprecher"), "{got:?}");
}

#[test]
fn multi_paragraph_quotes_continue() {
    let article =
        "Smith said: “We will win this year.\n\n“And next year we will win again,” she added.";
    let mut ex = Extractor::new();
    let found = ex.extract(article);
    let q = found.quotes();
    assert_eq!(q.len(), 2);
    assert!(q[0].open_end);
    assert_eq!(found.text_of(&q[0]), "We will win this year.");
    assert!(q[1].continued);
    assert!(found.unmatched_marks().is_empty());
}

#[test]
fn a_paragraph_break_collapsed_onto_one_line_reopens_the_quote() {
    // Archive copy often joins a quote's paragraphs: the first part is never
    // closed and the next opens after the sentence's end. Each part is a
    // quote of the same speaker; the first ends at its last character.
    for article in [
        "He replied: \"I admire him. \"He has done a great job.\" Then he left.",
        "He replied: “I admire him. “He has done a great job.” Then he left.",
    ] {
        let article = format!("“Yes,” said Tony Blane.\n\n{article}");
        let mut ex = Extractor::new();
        let found = ex.extract(&article);
        let q = found.quotes();
        let texts: Vec<&str> = q.iter().map(|q| found.text_of(q)).collect();
        assert_eq!(texts, ["Yes,", "I admire him.", "He has done a great job."]);
        assert_eq!(q[1].close_mark.0, q[1].close_mark.1, "no closing mark");
        assert!(q[2].continued && !q[1].open_end);
        assert_eq!(found.speaker_name(&q[2]), Some("Tony Blane"));
        assert!(found.unmatched_marks().is_empty());
    }
}

#[test]
fn an_unclosed_quote_does_not_run_into_the_next_paragraph() {
    let article = "Smith said “we will win.\n\nThe next paragraph has “a quote” of its own.";
    let mut ex = Extractor::new();
    let found = ex.extract(article);
    assert_eq!(found.quotes().len(), 1);
    assert_eq!(found.text_of(&found.quotes()[0]), "a quote");
    assert_eq!(found.unmatched_marks().len(), 1);
}

#[test]
fn nested_quotes_are_marked() {
    let article = "“He told me ‘never again,’ and I believed him,” Smith said.";
    let mut ex = Extractor::new();
    let found = ex.extract(article);
    let q = found.quotes();
    assert_eq!(q.len(), 2);
    assert_eq!(q[1].nested_in, Some(0));
    assert_eq!(found.text_of(&q[1]), "never again,");
    assert_eq!(found.speaker_name(&q[0]), Some("Smith"));
}

#[test]
fn extraction_reuses_its_buffers() {
    let mut ex = Extractor::new();
    let article = "“We will win,” Smith said. The so-called “plan” failed.";
    let n = ex.extract(article).quotes().len();
    for _ in 0..3 {
        assert_eq!(ex.extract(article).quotes().len(), n);
    }
}

#[test]
fn signatures_labels_and_previous_sentences() {
    // A dash and a name after the quote.
    let got = top("“Maybe we can build a wall around him.” ― Steve Quinlan");
    assert_eq!(
        (got[0].2.as_deref(), got[0].3),
        (Some("Steve Quinlan"), "dash")
    );
    // An interview transcript quoted inside an article.
    let got =
        top("PENCE: Well, look, the question really is “why was she inviting him?” That is all.");
    assert_eq!((got[0].2.as_deref(), got[0].3), (Some("PENCE"), "label"));
    // "…, Schiff said." before a quote that opens the next sentence.
    let got = top("The administration may wait, Schiff said. “The other factor is time.”");
    assert_eq!((got[0].2.as_deref(), got[0].3), (Some("Schiff"), "x_said"));
    // A block quote after "X reports:".
    let got = top(
        "The New York Times reports:\n\n“Just 24 percent of the contributors gave $200 or less.”",
    );
    assert_eq!(got[0].2.as_deref(), Some("New York Times"));
    // "In Robert's words"
    let got = top("In Robert's words, “We reinvented ourselves.”");
    assert_eq!(got[0].2.as_deref(), Some("Robert"));
}

#[test]
fn title_case_summaries_and_participles() {
    let got = top("Clinton Said Financial Reform “Really Has To Come From The Industry Itself.”");
    assert_eq!(got[0].2.as_deref(), Some("Clinton"));
    let got = top(
        "The newspaper took note of her shortcomings, writing: “We recognize that many Americans distrust her.”",
    );
    assert_eq!(got[0].2.as_deref(), Some("newspaper"));
}

#[test]
fn an_attribution_leading_into_the_next_quote_is_not_the_previous_ones() {
    let got =
        top("And I asked CJ, “What's the secret?” He said, “We're just tougher than they are.”");
    assert_eq!(got[0].2, None);
    assert_eq!(got[1].3, "x_said_before");
}

#[test]
fn groups_and_institutions_speak() {
    for (article, want) in [
        (
            "“The test was a grave threat,” U.S. officials said.",
            "U.S. officials",
        ),
        (
            "“We are opposed,” the foreign ministry said in a statement.",
            "foreign ministry",
        ),
        ("“Hillary was back within days,” the book said.", "book"),
        (
            "Der Sprecher der Regierung sagte: „Wir prüfen das.“",
            "Sprecher der Regierung",
        ),
    ] {
        let got = top(article);
        assert_eq!(got[0].2.as_deref(), Some(want), "{article}");
    }
}

#[test]
fn capitalised_words_and_nouns_after_determiners_are_no_verbs() {
    // "the United States" is no "states"; "the states suing" neither.
    let got = top(
        "Secretary of State John F. Kerry said the United States would take “robust steps” now.",
    );
    assert_eq!(got[0].2.as_deref(), Some("John F. Kerry"));
    let got = top(
        "“It’s an invasion,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing the EPA, said.",
    );
    assert_eq!(got[0].2.as_deref(), Some("Scott Pruitt"));
}

#[test]
fn title_and_surname_forms_resolve_to_the_full_name_given_before_or_after() {
    // "Mr Blair" after "Tony Blair": the full name.
    let article = "Prime Minister Tony Blair spoke in London.\n\n\
                   “We will not go back,” Mr Blair said.";
    assert_eq!(speakers(article), [s("Tony Blair")]);
    // "Lord Butler" named in full only later in the article.
    let article = "“The report stands,” Lord Butler said.\n\n\
                   Robin Butler led the inquiry last year.";
    assert_eq!(speakers(article), [s("Robin Butler")]);
    // No full name anywhere: the mention as written.
    let article = "“We will win,” Smith said.";
    assert_eq!(speakers(article), [s("Smith")]);
}

#[test]
fn a_role_after_a_name_and_a_comma_is_that_person() {
    let article = "Brent Bozell, PTC president and conservative activist said: \
                   “MTV is selling raunch to kids.”";
    assert_eq!(speakers(article), [s("Brent Bozell")]);
    // A place before the comma is no person: the role stays a role.
    let article = "In London, the spokesman said: “We will win.”";
    assert_ne!(speakers(article), [s("London")]);
}

#[test]
fn a_relative_clause_cue_belongs_to_what_comes_before_it() {
    let article = "The claims were denied by Foreign Secretary Jack Straw, who accused \
                   the Tories of “running scared” of debate.";
    assert_eq!(speakers(article), [s("Jack Straw")]);
}

#[test]
fn a_definite_role_stands_for_the_person_the_article_gave_it() {
    // The role word right before a name binds it.
    let article = "Energy Minister Dana Whitlock opened the plant on Monday.\n\n\
        “The grid will cope,” the minister said.";
    assert_eq!(speakers(article), [s("Dana Whitlock")]);
    // Bound by the role word even with another person named in between.
    let article = "Our correspondent Omar Reyes said the talks stalled. Rival bidder Petra Lund declined \
        to comment.\n\n“Nobody expects a deal before spring,” our correspondent said.";
    assert_eq!(speakers(article), [s("Omar Reyes")]);
    // Otherwise the last person named in full, never an institution.
    let article = "Karen Doyle set out the plans in Leeds. Women earn less than men, according to the \
        Fair Pay Commission (FPC).\n\n“Career sexism must end,” the minister told delegates.";
    assert_eq!(speakers(article), [s("Karen Doyle")]);
    // In the opening, the role may come before the name.
    let article = "The party would deal “sympathetically” with his return, its co-chairman has said.\n\n\
        Dr Alan Brooke told a radio programme the door was open.";
    assert_eq!(speakers(article), [s("Alan Brooke")]);
    // A plural or indefinite role is not one person.
    let article = "Karen Doyle spoke first.\n\n“We are ready,” officials said.";
    assert_eq!(speakers(article), [s("officials")]);
}

#[test]
fn a_participle_opening_the_sentence_is_not_its_subject() {
    let article = "Home Secretary Martin Vale defended the bill.\n\n\
        Speaking on a radio programme, he said “migrants are of great value to this country”.";
    assert_eq!(speakers(article), [s("Martin Vale")]);
    let article = "Ruth Sandler has led the union since 2019.\n\n\
        Pointing to the figures, she said: “Wages have fallen for three years.”";
    assert_eq!(speakers(article), [s("Ruth Sandler")]);
}

#[test]
fn an_institution_s_name_and_an_addressee_are_no_speakers() {
    // "Fiscal Studies" is the tail of "the Institute for Fiscal Studies".
    let article = "Mr Grant pointed to the Institute for Fiscal Studies' forecast.\n\n\
        “Taxes will go up,” he said.";
    assert_ne!(speakers(article), [s("Fiscal Studies")]);
    // After "told", the name before the colon is who was spoken to.
    let article =
        "Ms Okoro spoke on Tuesday. But told BBC News: “We have drawn a line under that.”";
    assert_ne!(speakers(article), [s("BBC News")]);
    assert_eq!(
        speakers("Ms Okoro spoke on Tuesday. Ada Okoro told BBC News: “We have drawn a line.”"),
        [s("Ada Okoro")]
    );
}

#[test]
fn party_words_before_a_name_are_not_part_of_it() {
    assert_eq!(
        speakers("“We will look at it sympathetically,” Tory co-chairman Dan Frost said."),
        [s("Dan Frost")]
    );
    assert_eq!(
        speakers("Fellow Lib Dem Nora Baines said: “The committee must keep watch.”"),
        [s("Nora Baines")]
    );
    assert_eq!(
        speakers("Labour leader Sam Ibbot said: “We will win.”"),
        [s("Sam Ibbot")]
    );
}

#[test]
fn a_pronoun_after_reported_speech_is_its_named_subject() {
    let article = "“The books balance,” said Rosa Lind.\n\n\
        Opposition spokesman Vic Carew said voters did not know whom to believe. \
        “There is an issue of trust,” he said.";
    assert_eq!(speakers(article), [s("Rosa Lind"), s("Vic Carew")]);
    let article = "“We are ready,” said Ana Ortiz.\n\n\
        Kremlin spokesman Dmitri Pavlov told Bloomberg that the talks had stalled. \
        He said: “We see no progress.”";
    assert_eq!(speakers(article), [s("Ana Ortiz"), s("Dmitri Pavlov")]);
    // Any sentence about a named person makes them the one "he" continues;
    // a "she" passes over a man ("Peter") to the last woman who spoke.
    let article = "“The books balance,” said Rosa Lind.\n\n\
        Peter Carew walked out of the chamber. “It is over,” he said.";
    assert_eq!(speakers(article), [s("Rosa Lind"), s("Peter Carew")]);
    let article = "“The books balance,” said Rosa Lind.\n\n\
        Peter Carew walked out of the chamber. “It is over,” she said.";
    assert_eq!(speakers(article), [s("Rosa Lind"), s("Rosa Lind")]);
}

#[test]
fn a_pronoun_continues_the_subject_of_a_sentence_before() {
    // A conjunction and an appositive before the verb; a quoted fragment
    // inside the sentence.
    let article = "“Prices rose,” said Paul Cherney, an analyst.\n\n\
        But Ian Shepherd, chief economist at Frequency Partners, said the figures were \
        “much less alarming” than they looked. Fuel costs drove the rise, he said. \
        “It is a one-off,” he said.";
    assert_eq!(
        speakers(article),
        [s("Paul Cherney"), s("Ian Shepherd"), s("Ian Shepherd")]
    );
    // An opening phrase, a title and a surname: the full name given before.
    let article = "Information commissioner Richard Tomas spoke on Monday.\n\n\
        “Files matter,” said Julia Lewes.\n\n\
        Earlier this week, Mr Tomas said he was looking into the orders. \
        He said he “totally condemned” the deletions.";
    assert_eq!(speakers(article), [s("Julia Lewes"), s("Richard Tomas")]);
    // A role in apposition: the name after the comma.
    let article = "“We will vote,” said Ann Boyd.\n\n\
        The chairman of the affairs committee, Sher Kahn, said the war mattered. \
        “It is significant,” he said.";
    assert_eq!(speakers(article), [s("Ann Boyd"), s("Sher Kahn")]);
    // A sentence opened by one capitalised common word is about no person.
    let article = "“Costs are high,” said Jack Borman.\n\n\
        Real losses have been suffered, he added. “Everyone pays,” he said.";
    assert_eq!(speakers(article), [s("Jack Borman"), s("Jack Borman")]);
}

#[test]
fn a_pronoun_agrees_in_gender_where_the_text_shows_it() {
    // Honorific, first name, and a "she" already used for the person.
    let article = "“We never said that,” said John Frankel, an official.\n\n\
        Ms Hendry, the singer's sister, said the family still hoped. \
        “That is what my father wanted,” she said.";
    assert_eq!(speakers(article), [s("John Frankel"), s("Ms Hendry")]);
    let article = "“It was temporary,” said Janie Hendry.\n\n\
        John Frankel walked to the site. “It would be nice,” she said.";
    assert_eq!(speakers(article), [s("Janie Hendry"), s("Janie Hendry")]);
    // No pronoun goes to a place: "Lake Huron" is no person.
    let article = "“The object was shot down,” said Mary Kirby.\n\n\
        Debris fell over Lake Huron on Sunday. “We are searching,” she said.";
    assert_eq!(speakers(article), [s("Mary Kirby"), s("Mary Kirby")]);
}

#[test]
fn an_organisation_a_possessive_or_letters_around_a_name_are_not_part_of_it() {
    let article = "Analyst Nick Van den Brook of BNP Paribas called the results “pretty modest”.\n\n\
        “Unfair,” said Ray Rae Marsh of the James Marsh Hendrix Foundation.\n\n\
        “As rich countries get richer, they give less,” Oxfam's Barbara Stockton said.\n\n\
        The chairman of the Bar Council, Guy Mansell QC warned of a “real risk”.\n\n\
        “Talks will go on,” said Ambassador Stefan Johanson of Iceland.";
    assert_eq!(
        speakers(article),
        [
            s("Nick Van den Brook"),
            s("Ray Rae Marsh"),
            s("Barbara Stockton"),
            s("Guy Mansell"),
            s("Stefan Johanson")
        ]
    );
}

#[test]
fn a_sentence_about_a_person_introduces_the_quote_after_it() {
    // No attribution at the quote: the subject of the sentence since the
    // last quote, not the last speaker.
    let article = "“It was a great team effort,” said coach Mike Rudd.\n\n\
        Wales captain Martin Williamson was keen not to talk about a Grand Slam. \
        “We have got more self-belief these days.”";
    assert_eq!(speakers(article), [s("Mike Rudd"), s("Martin Williamson")]);
    // Across a paragraph break, and with the subject elided in the sentence
    // of the quote ("But told BBC News: …").
    let article = "“No comment,” said Alan Budge.\n\n\
        In his first comments, Mr Blane told BBC News he had not read the report. \
        But told BBC News: “We have drawn a line under that.”\n\n\
        Dr Fax was asked if he would agree.\n\n\
        “I am sure we would look at that sympathetically.”";
    assert_eq!(
        speakers(article),
        [s("Alan Budge"), s("Mr Blane"), s("Dr Fax")]
    );
    // A sentence about a thing names no one: no speaker is made up.
    let article = "“It is over,” said Rosa Lind.\n\n\
        The plan was dropped on Monday. “We move on.”";
    assert_eq!(speakers(article), [s("Rosa Lind"), None]);
}

#[test]
fn the_person_a_sentence_is_about_behind_a_possessive_a_participle_or_a_description() {
    // A possessor ("Mr Campbell's e-mail"), a participle phrase opening the
    // sentence, a name inside the opening description, and a compound with
    // lower-case parts that is no name ("Man-of-the-match").
    let article = "“Fine,” said Peter Mandel.\n\n\
        Mr Campbell's e-mail suggested a statement. In it, he said: “Just spoke to them.”";
    assert_eq!(speakers(article), [s("Peter Mandel"), s("Mr Campbell")]);
    let article = "“Fine,” said Peter Mandel.\n\n\
        Realising his error, Mr Campbell then e-mailed the reporter.\n\n\
        He said: “Not very good at this.”";
    assert_eq!(speakers(article), [s("Peter Mandel"), s("Mr Campbell")]);
    let article = "“We won,” said coach Mike Rudd.\n\n\
        Double try scorer Martin Williamson was keen not to talk about it. \
        “We have more belief,” he said.";
    assert_eq!(speakers(article), [s("Mike Rudd"), s("Martin Williamson")]);
    let article = "“We won,” said coach Mike Rudd.\n\n\
        Man-of-the-match Steven Jonas was ecstatic. “It is a special moment,” he said.";
    assert_eq!(speakers(article), [s("Mike Rudd"), s("Steven Jonas")]);
}

#[test]
fn a_role_is_its_holder_named_in_apposition_or_the_subject_just_before() {
    // The person in apposition to a role is the speaker.
    let article = "The chairman of the working party, Ambassador Stefan Johanson of Iceland, \
        warned that there was “still a lot of work to do”.";
    assert_eq!(speakers(article), [s("Stefan Johanson")]);
    // A described role ("the national team coach") is the person the
    // sentence before is about, not a name in passing ("the Six Nations"),
    // and a headline without a full stop is a sentence of its own.
    let article = "Wales coach elated with win\n\n\
        Mike Rudd paid tribute to his side after they beat France in the Six Nations.\n\n\
        “We had to show character,” said the national team coach.";
    assert_eq!(speakers(article), [s("Mike Rudd")]);
}

#[test]
fn a_passive_verb_of_calling_gives_the_words_to_its_agent() {
    let article = "Hazel Bliss said innocent people would be targeted.\n\n\
        Her comments have been described as “irresponsible” and “outrageous” by the \
        Islamic Human Rights Commission.";
    assert_eq!(
        speakers(article),
        [
            s("Islamic Human Rights Commission"),
            s("Islamic Human Rights Commission")
        ]
    );
    // Not any passive: "is being rigged" calls nothing by the quoted words.
    let article = "But Trump issued a tweet saying the election is being rigged \
        “also at many polling places - SAD.”";
    assert_eq!(speakers(article), [s("Trump")]);
}

#[test]
fn a_role_resolved_to_its_holder_is_who_he_continues() {
    // "The home secretary" is Charles Clerk; the "he" that follows is him,
    // not the last person quoted by name.
    let article = "Home Secretary Charles Clerk has spoken.\n\n\
        Tory Liam Foxe said his party offered a “clear choice” on the issue.\n\n\
        The home secretary said he wanted fingerprints taken, to “ensure we know everybody”. \
        Speaking on BBC One, he said “migrants are of great value”.";
    assert_eq!(
        speakers(article),
        [s("Liam Foxe"), s("Charles Clerk"), s("Charles Clerk")]
    );
    // A cue and a colon introduce speech even after a naming noun
    // ("programme"): not a title.
    let article = "Patricia Hewson said it.\n\n\
        Earlier, she told BBC Radio 4's Today programme: “We are talking about pay.”";
    assert_eq!(speakers(article), [s("Patricia Hewson")]);
}

#[test]
fn a_surname_subject_is_the_person_named_in_full_before_and_an_institution_is_no_he() {
    let article = "England coach Andy Robson has called up Bath prop Duncan Bellamy.\n\n\
        Bellamy, 30, had set his sights on a career with Wales. But last December, the \
        International Rugby Board confirmed that he could only play for England. \
        “I thought I had burned my bridges,” he said.";
    assert_eq!(speakers(article), [s("Duncan Bellamy")]);
}

#[test]
fn lower_case_words_describing_a_named_speaker_are_part_of_the_phrase() {
    let article = "“Agriculture and tourism are helping,” said entrepreneur Drayton Valentin.\n\n\
        “It is quite good,” said aviation analyst Nick Brull.";
    assert_eq!(speakers(article), [s("Drayton Valentin"), s("Nick Brull")]);
}

#[test]
fn a_document_speaks_for_whoever_the_article_said_wrote_it() {
    let article = "Aid budgets are half their 1960 levels, Oxfarm says in a report.\n\n\
        The report said: “Global poverty threatens our shared prosperity.”\n\n\
        A study by the Institute for Fiscal Studies was published.\n\n\
        “Taxes must rise,” the study said.\n\n\
        “It is wrong,” the statement said.";
    // Who wrote the statement the article never says: the document stays.
    assert_eq!(
        speakers(article),
        [
            s("Oxfarm"),
            s("Institute for Fiscal Studies"),
            s("statement")
        ]
    );
}

#[test]
fn reported_speech_with_its_speaker_at_the_end_is_about_that_speaker() {
    // ", observed Jack Boorman, adviser to …": the speaker after the cue, an
    // appositive to the sentence's end; the "he" after it is him.
    let article = "“Agriculture is helping,” said entrepreneur Drayton Valentin.\n\n\
        Real losses have been suffered and somebody has to pay, observed Jack Borman, \
        adviser to the managing director, Rodrigo Rata. \
        “Everyone needs to keep in mind the cost,” he said.";
    assert_eq!(speakers(article), [s("Drayton Valentin"), s("Jack Borman")]);
}

#[test]
fn words_that_open_sentences_are_no_speakers() {
    // Numbers, prepositions, adverbs and contracted pronouns opening a
    // sentence are never a name; a speaker is a name, a role, a group or
    // an organisation, or none.
    for article in [
        "Already the plan drew “fierce criticism” from all sides.",
        "Among them was “a disaster” of a bill.",
        "Four said the result was “rigged”.",
        "She's called it “a disgrace”.",
        "Thus the vote was “a farce”.",
    ] {
        let got = speakers(article);
        assert!(
            got.iter().all(|s| s
                .as_deref()
                .is_none_or(|n| { !["Already", "Among", "Four", "She's", "Thus"].contains(&n) })),
            "{article}: {got:?}"
        );
    }
}

#[test]
fn an_unnamed_spokesman_is_the_description_the_article_gave() {
    // "A spokesman for X" is not X; "the spokesman" after it is that same
    // unnamed person, described as the article described them.
    let article = "A spokesman for Michael Howe said the views were “very different”. \
        “He believes students should pay fees,” the spokesman said.\n\n\
        Later the prime minister's spokesman was asked about the e-mail. \
        The spokesman said: “He no longer works in government.”";
    assert_eq!(
        speakers(article),
        [
            s("A spokesman for Michael Howe"),
            s("A spokesman for Michael Howe"),
            s("the prime minister's spokesman")
        ]
    );
}

#[test]
fn an_attribution_that_goes_on_to_report_more_opens_the_next_statement() {
    // After a quote that ends its sentence, "X said the episode …" is X's
    // next statement, not this quote's attribution; a parenthetical set off
    // by " - " does not hide the subject; "But he said …" before a quote
    // continues whoever "he" is.
    let article = "Liberal Democrat Alan Beath - who chairs the committee - said the move was \
        “against the spirit of the Act”. “The commissioner will have to keep this under \
        scrutiny.” Fellow Lib Dem Norman Bakewell said the episode painted an \
        “unflattering picture”.\n\n\
        Dr Brian Gibbins told Radio Wales: “We need to learn from that.”\n\n\
        But he said the NHS also needed a healthier population. \
        “We do need a consistent approach.” He said staff wanted consolidation.";
    assert_eq!(
        speakers(article),
        [
            s("Alan Beath"),
            s("Alan Beath"),
            s("Norman Bakewell"),
            s("Brian Gibbins"),
            s("Brian Gibbins")
        ]
    );
}

#[test]
fn a_headline_opened_by_a_surname_quotes_the_person_named_in_full_below() {
    let article = "Browne 'proud of economy record'\n\n\
        Gordon Browne has defended his record as chancellor.";
    assert_eq!(speakers(article), [s("Gordon Browne")]);
    let article = "Campbel: E-mail row 'silly fuss'\n\n\
        Alastair Campbel has dismissed the row over his e-mail.";
    assert_eq!(speakers(article), [s("Alastair Campbel")]);
    // A place or a name with no first name below gives no speaker.
    let article = "Wales 'must learn health lessons'\n\n\
        Health officials on Radio Wales said waiting lists were too long.";
    assert_eq!(speakers(article), [None]);
}

#[test]
fn a_role_of_another_role_is_an_unnamed_person() {
    // "the prime minister's official spokesman" is not the last person
    // named; "the charity's director" may be the person named before.
    let article = "IHRC chairman Massoud Shadjar said it was “an Islamophobia card”.\n\n\
        Later, the prime minister's official spokesman said: “Those powers are aimed \
        at suspects.”\n\n\
        “Rich countries give less,” Oxfam's Barbara Stockton said. \
        “The year will end in failure,” the charity's director added.";
    assert_eq!(
        speakers(article),
        [
            s("Massoud Shadjar"),
            s("the prime minister's official spokesman"),
            s("Barbara Stockton"),
            s("Barbara Stockton")
        ]
    );
}

#[test]
fn a_sentence_opened_by_for_and_a_name_is_about_that_person() {
    let article = "“It is like wandering through the gallery,” said Jemima Rellis.\n\n\
        For Richard Tatson, who worked on the project, the need grew out of frustration. \
        “I went to an online store,” he said.";
    assert_eq!(speakers(article), [s("Jemima Rellis"), s("Richard Tatson")]);
}

#[test]
fn a_participle_after_a_quote_reports_the_subject_not_a_speaker() {
    // ", saying Mr Jackton would …" is what the subject said, not "said X".
    let article = "Prime Minister Tony Blayre declared himself “delighted”, saying \
        Mr Jackton would be warmly welcomed by Labour MPs.";
    assert_eq!(speakers(article), [s("Tony Blayre")]);
}

#[test]
fn a_cue_followed_by_a_clause_of_its_own_does_not_lead_to_the_quote() {
    // "… New Labour had promised, there had been an “explosion”": the
    // speaker is still the sentence's.
    let article = "Lib Dem spokesman Ed Davie said instead of the “bonfire of quangos” \
        New Labour had promised, there had been an “explosion” of them.";
    assert_eq!(speakers(article), [s("Ed Davie"), s("Ed Davie")]);
    // Set off by commas, the cue is a parenthesis inside reported speech.
    let article = "Nobody got kissed, Gilbertson said, but Leeds was “very much in \
        your face” with Trump.";
    assert_eq!(speakers(article), [s("Gilbertson")]);
}

#[test]
fn a_spokesman_for_an_institution_is_an_unnamed_person() {
    let article = "A spokeswoman for the Department for International Development said: \
        “The government had made a clear commitment.”";
    assert_eq!(
        speakers(article),
        [s(
            "A spokeswoman for the Department for International Development"
        )]
    );
    // Named in apposition before the role, the person is the speaker.
    let article = "Michael Mulgrow, president of the United Federation of Teachers, \
        which represents educators, said “communities are standing up.”";
    assert_eq!(speakers(article), [s("Michael Mulgrow")]);
}

#[test]
fn a_headline_quote_is_said_by_whoever_says_those_words_below() {
    let article = "Ministers deny care sums 'wrong'\n\n\
        Ministers have insisted they are committed to free care for the elderly.\n\n\
        But Ms Brankton told BBC Radio Scotland: \"We don't think we got our sums wrong.\"";
    let found = top(article);
    assert_eq!(found[0].2, s("Ms Brankton"));
    assert_eq!(found[0].3, "headline");
    // A headline that names the person in full below keeps that person,
    // even when a later quote repeats its words.
    let article = "Browne 'proud of economy record'\n\n\
        Gordon Browne has defended his record.\n\n\
        \"The record is strong,\" said Nick Smithers.";
    assert_eq!(speakers(article)[0], s("Gordon Browne"));
    // No quote below repeats the words: the headline gives no speaker.
    let article = "Wales 'must learn health lessons'\n\n\
        Officials said waiting lists were \"too long\" this year.";
    assert_eq!(speakers(article)[0], None);
}

#[test]
fn a_sentence_after_a_finished_quote_that_goes_on_reporting_is_not_its_attribution() {
    let article = "IHRC chairman Massoud Shadjar said Ms Blears was “playing a card”.\n\n\
        “She is demonising our community,” he said. “This is music to the ears of racists.” \
        Later, the prime minister's official spokesman urged people to put the comments \
        into context.";
    assert_eq!(
        speakers(article),
        [
            s("Massoud Shadjar"),
            s("Massoud Shadjar"),
            s("Massoud Shadjar")
        ]
    );
    let article = "Fellow Lib Dem Norman Bakers said the episode was “unflattering”. \
        “It is clear the enthusiasm has turned to cynicism.” Dr Julian Lewes, the \
        Conservative spokesman, said he had discovered a huge acceleration in shredding.";
    assert_eq!(speakers(article), [s("Norman Bakers"), s("Norman Bakers")]);
    // A short tail, an adverb or a time is still the attribution.
    let article = "“Long live freedom of speech!” Margarita Simonova, the editor of RT, \
        wrote sarcastically on Twitter, adding that the bank gave no reason.";
    assert_eq!(speakers(article), [s("Margarita Simonova")]);
    let article = "“We will win.” Jane Dough told reporters on Tuesday.";
    assert_eq!(speakers(article), [s("Jane Dough")]);
}

#[test]
fn a_paragraph_after_reported_speech_by_an_unnamed_spokesman_is_his() {
    let article = "IHRC chairman Massoud Shadjar said it was “an Islamophobia card”.\n\n\
        “This is music to the ears of racists,” he said. Later, the prime minister's \
        official spokesman urged people to put the comments into context. The minister \
        had meant a perception, the spokesman said.\n\n\
        “What is happening is that those powers are aimed at suspects.”";
    assert_eq!(
        speakers(article),
        [
            s("Massoud Shadjar"),
            s("Massoud Shadjar"),
            s("the prime minister's official spokesman")
        ]
    );
}

#[test]
fn sir_and_a_first_name_is_the_knight_named_in_full_before() {
    let article = "National Audit Office chief Sir John Bourne said a scheme was being \
        looked at. On the unpaid invoices, Sir John said Defra had paid 97%, “but has \
        not agreed a final settlement”.";
    assert_eq!(speakers(article), [s("John Bourne")]);
    // Without the full name before, the name stays as written.
    let article = "Sir John said Defra had paid 97%, “but has not agreed a settlement”.";
    assert_eq!(speakers(article), [s("Sir John")]);
}

#[test]
fn the_alliance_is_the_institution_named_before_with_that_word() {
    let article = "Last week, the Countryside Allianse said more hunts would meet. \
        The allianse said the meet would be “a celebration”.";
    assert_eq!(speakers(article), [s("Countryside Allianse")]);
    // Nothing named so before: the words as written.
    let article = "The alliance said the meet would be “a celebration”.";
    assert_eq!(speakers(article), [s("alliance")]);
}

#[test]
fn a_source_stays_unnamed_and_a_possessive_group_loses_its_s() {
    let article = "Sources told the BBC Michael Howardson has always been in favour. \
        The party has been “agnostic” on the issue until now, the Tory source said.";
    assert_eq!(speakers(article), [s("the Tory source")]);
    let article = "Labour's election slogan will be: “Britain's working, don't let the \
        Tories wreck it again”.";
    assert_eq!(speakers(article), [s("Labour")]);
}

#[test]
fn a_sentence_of_its_own_with_a_named_subject_is_not_the_quote_before_it() {
    let article = "City experts say there is a £10bn “black hole” in the finances. \
        Responding to the report, Mr Cabel also attacked Labour's “unfair” taxes.";
    assert_eq!(speakers(article), [s("City experts"), s("Mr Cabel")]);
}

#[test]
fn a_pronoun_after_a_role_subject_is_the_roles_holder() {
    let article = "Lib Dem spokesman Vince Cabel said the public did not know whom to \
        believe.\n\n\
        Mr Browne earmarked £1bn for council tax. But the Lib Dem spokesman questioned \
        whether that money was found from cuts. He urged the government to scrap the \
        “grossly unfair” tax.";
    assert_eq!(speakers(article), [s("Vince Cabel")]);
    // An indefinite role is nobody in particular: the look-back goes on.
    let article = "Kevin Rodgers said his firm played by the rules.\n\n\
        A developer who wants to defraud someone can “make up something wild”, he says.";
    assert_eq!(speakers(article), [s("Kevin Rodgers")]);
}

#[test]
fn a_person_never_named_in_full_keeps_the_honorific() {
    let article = "Tory leader Liam Foxe said it was time.\n\n\
        Tory peer Lord Tebbet said he agreed with Dr Foxe's view. “After all, he is far \
        from the worst perjurer in the world,” he added.";
    assert_eq!(speakers(article), [s("Lord Tebbet")]);
    let article = "“Britain should take its fair share,” Mr Howarth said.";
    assert_eq!(speakers(article), [s("Mr Howarth")]);
    // Named in full anywhere, the full name.
    let article = "“Britain should take its fair share,” Mr Howarth said. \
        Michael Howarth leads the party.";
    assert_eq!(speakers(article), [s("Michael Howarth")]);
}

#[test]
fn agreeing_after_a_quote_opens_new_words_and_two_word_surnames_resolve() {
    let article = "“The situation is bad,” said Carlos Baes Silva, president of AARA. \
        The affair has made Mr Baes Silva disillusioned. “People have to deposit their \
        money in the banks.” Mr Valentyne, who grew up in Argentina, agreed. \
        “I will think twice before I deposit dollars.”";
    assert_eq!(
        speakers(article),
        [
            s("Carlos Baes Silva"),
            s("Carlos Baes Silva"),
            s("Mr Valentyne")
        ]
    );
}

#[test]
fn attributions_set_off_inside_the_sentence_or_after_a_claim() {
    // ", says BT," inside the sentence.
    let article = "The idea, says BT, is to shape a “21st Century model” for the arts.";
    assert_eq!(speakers(article), [s("BT")]);
    // A cue inside a relative clause is not the attribution at the end.
    let article = "The decision follows a “tough meeting” where some senior Tories argued \
        against the move, party sources told the BBC.";
    assert_eq!(speakers(article), [s("party sources")]);
    // "claims from X that …", and the pronoun after it is the sentence's
    // subject, not X.
    let article = "Prime Minister Tony Blare said Mr Blunket had done a great job.\n\n\
        The prime minister shrugged off claims from Conservative leader Michael Howerd \
        that he led a “grubby government”. He said: “He was the person who asked for \
        this inquiry.”";
    assert_eq!(speakers(article), [s("Michael Howerd"), s("Tony Blare")]);
}

#[test]
fn an_indefinite_role_is_the_person_the_article_names_in_it_later() {
    // Later in the paragraph, the same role before a name.
    let article = "But a spokesman stressed the meeting was “not necessarily anti-Labour”. \
        “This meeting is about policy,” MAB spokesman Dr Azzim Tamimy said.";
    assert_eq!(speakers(article), [s("Azzim Tamimy"), s("Azzim Tamimy")]);
    // Further on, the same institution before the role.
    let article = "But a spokeswoman for MTV said it was “unfair and inaccurate”.\n\n\
        The watchdog looked at the programmes.\n\n\
        MTV spokeswoman Jeanie Kedes said the network follows the same standards.";
    assert_eq!(speakers(article), [s("Jeanie Kedes")]);
    // Past the opening, a spokesman named in another paragraph may be
    // anyone's.
    let opening = "The shadow cabinet backed the bill. ".repeat(20);
    let article = format!(
        "{opening}\n\n“It will do nothing,” a spokesman said.\n\n\
        Lib Dem spokesman Mark Oatan said the bill was flawed."
    );
    assert_eq!(speakers(&article), [s("a spokesman")]);
    // In the opening, the person the next sentence opens with.
    let article = "New action urged\n\n\
        A senior Tory MP has criticised Defra's “lackadaisical” approach.\n\n\
        Public accounts committee chairman Edward Lee was giving his reaction.";
    assert_eq!(speakers(article), [s("Edward Lee")]);
}

#[test]
fn a_claim_in_the_next_sentence_is_not_the_finished_quotes_attribution() {
    let article = "Asked about Mr Blunket, Tony Blare replied: “I have made my admiration \
        clear. He has done a great job.” The prime minister shrugged off claims from \
        Conservative leader Michael Howerd that he led a “grubby government”.";
    assert_eq!(speakers(article), [s("Tony Blare"), s("Michael Howerd")]);
    assert_eq!(
        crate::claim::SpeakerKind::of("Lib Dems"),
        crate::claim::SpeakerKind::Group
    );
}

#[test]
fn unnamed_sources_described_by_where_they_stand_speak() {
    let article = "Talks on membership have been “making good progress” say those behind \
        the negotiations.";
    assert_eq!(speakers(article), [s("those behind the negotiations")]);
    let article = "“We are close,” said people familiar with the matter.";
    assert_eq!(speakers(article), [s("people familiar with the matter")]);
}

#[test]
fn a_name_after_a_multibyte_mark_resolves_without_panic() {
    // The honorific is looked for after an opening mark of three bytes.
    let article = "Er sagte: “Mr Smith” habe gewonnen. „Wir schaffen das“, sagte Mr Smith.";
    let _ = speakers(article);
    let article = "“Mr Smith said: “We will win,” Smith said.";
    let _ = speakers(article);
    let article = "He said “Lord Tebbit” was right. “After all,” Tebbit said.";
    assert_eq!(speakers(article).len(), 2);
    // The word before the name ends in a closing German mark (3 bytes).
    let text = "„Wir schaffen das“ Müller";
    let at = text.find("Müller").unwrap() as u32;
    assert_eq!(names::honorific_before(text, at), None);
    let text = "(“Mr Müller";
    let at = text.find("Müller").unwrap() as u32;
    assert_eq!(names::honorific_before(text, at), Some("(“".len() as u32));
}

#[test]
fn a_pronoun_after_a_sentence_whose_subject_is_no_one_is_the_person_speaking_in_it() {
    let article = "But the chairman, Ambassador Stefan Johanson, warned there was “still a \
        lot of work”. His comments came as President George W Busch said the US backed Russian \
        entry. But he said Russia must “renew a commitment to democracy”.";
    assert_eq!(
        speakers(article),
        [s("Stefan Johanson"), s("George W Busch")]
    );
}

#[test]
fn an_acronym_is_the_name_the_article_spelt_out_and_research_speaks_for_its_agent() {
    let article = "Ms Hewet spoke at a seminar organised by the Equal Opportunities \
        Commission (EOC). Research conducted by the EOC last year revealed that many believe \
        the gap is the result of “natural differences” between the sexes.";
    assert_eq!(speakers(article), [s("Equal Opportunities Commission")]);
    let article = "The Department for Work and Pensions (DWP) said it would act. \
        “We will act,” the DWP said.";
    assert_eq!(speakers(article), [s("Department for Work and Pensions")]);
    // Never spelt out: as written.
    let article = "“We will act,” the DWP said.";
    assert_eq!(speakers(article), [s("DWP")]);
}

#[test]
fn a_document_speaks_for_its_owner_or_agent_by_the_whole_name() {
    let article = "Oxfam’s report said the cuts were “deep and lasting”.";
    assert_eq!(speakers(article), [s("Oxfam")]);
    let article = "Uncertainty is weighing on business, the Federal Reserve’s Beige Book survey \
        said.\n\nConditions remained “tight,” according to the survey.";
    assert_eq!(speakers(article), [s("Federal Reserve")]);
    let article = "In Britain, a study by the Institute for Statecraft found that the network \
        gave an edge to the “leave” camp.";
    assert_eq!(speakers(article), [s("Institute for Statecraft")]);
}

#[test]
fn a_role_is_not_the_last_name_given_paragraphs_before_nor_a_place() {
    // "the Vermont senator" is nobody named in full in its paragraph or the
    // one before: the role stays (the co-host named two paragraphs back is
    // someone else).
    let article = "Sanders told co-host Joe Scarborough that he did not know.\n\n\
        The interview went on for an hour.\n\n\
        Asked again, the Vermont senator acknowledged there are still “some people” who \
        feel that way.";
    assert_eq!(speakers(article), [s("the Vermont senator")]);
    // In the paragraph before, the person named in full is the holder.
    let article = "Senator Claire McCaskill spoke on Tuesday.\n\n\
        “The scientific community is almost monolithic,” the senator said.";
    assert_eq!(speakers(article), [s("Claire McCaskill")]);
    // A place named in full is nobody's name.
    let article = "Trump cited problems in the Middle East.\n\n\
        “We need change,” the New York businessman said.";
    assert_ne!(speakers(article), [s("Middle East")]);
}

#[test]
fn a_headlines_title_case_is_not_read_as_a_name() {
    let article = "Lone Singer Benched By NBA Team Protests\n\n\
        “We are united in our decision,” the team said.";
    let got = speakers(article);
    assert!(
        got.iter()
            .flatten()
            .all(|n| !n.contains("By") && !n.contains("Singer")),
        "{got:?}"
    );
}

#[test]
fn a_speaker_is_never_a_fragment_with_a_verb_nor_whose_claims_are_rated() {
    // "claims" after "of" is a noun: the fact-checker rated them.
    let article = "PolitiFact rated 32% of Republican claims as “false” or “pants on fire.”";
    assert_eq!(speakers(article), [s("PolitiFact"), s("PolitiFact")]);
    // A verb caught in the phrase before a cue: nobody.
    let article = "To date, 14 Catholics and one Greek Orthodox were admitted as well as 29 \
        others who only specified “Christian” as their religion.";
    assert!(
        speakers(article)
            .iter()
            .flatten()
            .all(|n| !n.contains("were")),
        "{:?}",
        speakers(article)
    );
    // Before a colon, the verb ends the phrase.
    assert_eq!(speakers("The senator is: “We will act.”").len(), 1);
}

#[test]
fn a_surname_is_not_resolved_to_a_relative_of_the_other_sex() {
    let article = "Bill Clinton spoke first. “We will win,” Mrs. Clinton said.";
    assert_eq!(speakers(article), [s("Mrs. Clinton")]);
    let article = "Michelle Obama was there, and so was Barack Obama. \
        “It is about me,” Mr. Obama said.";
    assert_eq!(speakers(article), [s("Barack Obama")]);
    // Agreeing, the fullest form as before.
    let article = "Hillary Clinton spoke first. “We will win,” Mrs. Clinton said.";
    assert_eq!(speakers(article), [s("Hillary Clinton")]);
}

#[test]
fn a_person_before_their_outlet_speaks() {
    let article = "Chris Cillizza, The Washington Post: “This was her best debate.”";
    assert_eq!(speakers(article), [s("Chris Cillizza")]);
    // The outlet alone speaks for itself.
    let article = "The Washington Post: “This was her best debate.”";
    assert_eq!(speakers(article), [s("Washington Post")]);
}

#[test]
fn a_quote_closing_on_a_nested_quote_keeps_its_speaker() {
    // ‘…,’” : the outer quote closes right after the inner one.
    let got = top("“You say you ‘accept responsibility,’” Merkley said. “That’s not it.”");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].0, "You say you ‘accept responsibility,’");
    assert_eq!(
        speakers("“You say you ‘accept it,’” Merkley said. “That’s not it.”"),
        [s("Merkley"), s("Merkley")]
    );
}

#[test]
fn a_party_tag_does_not_hide_the_subject() {
    // "(D-Mo.)" between the name and the verb: the pronoun after the quote
    // is still the subject's, not the last speaker's.
    let article = "Oz said the extract was a “magic cure.”\n\n\
        Democratic Sen. Claire McCaskill (D-Mo.) scolded him: “The science is against you,” she said.";
    assert_eq!(speakers(article), [s("Oz"), s("Claire McCaskill")]);
}

#[test]
fn who_is_told_is_the_listener_not_the_speaker() {
    let article = "“Trump is weaker,” Republican pollster Bill McInturff, part of the team \
        conducting the survey, told NBC. “It does not mean he can’t get these points back.”";
    assert_eq!(
        speakers(article),
        [s("Bill McInturff"), s("Bill McInturff")]
    );
    let article = "“For you to ask me that is insulting,” Trump, 70, told CNN’s Dana Bash. \
        “I want to back my children.”";
    assert_eq!(speakers(article), [s("Trump"), s("Trump")]);
}

#[test]
fn as_someone_puts_it_names_who_is_quoted() {
    let article = "North Korea is “racing towards the nuclear finish line,” as Van Jackson, \
        associate professor at the Asia-Pacific Center for Security Studies, puts it.";
    assert_eq!(speakers(article), [s("Van Jackson")]);
    let article = "Jane Smith left early. It was, as she put it, “a disaster.”";
    assert_eq!(speakers(article), [s("Jane Smith")]);
}

#[test]
fn a_person_named_right_before_a_participle_speaks() {
    let article = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead?”";
    assert_eq!(speakers(article), [s("Hillary Clinton")]);
    let article = "The campaign declined to comment, with spokesman Glen Caplin saying, “This is \
        a propaganda arm of the Kremlin.”";
    assert_eq!(speakers(article), [s("Glen Caplin")]);
    // Not after a comma (the subject's participle), nor in Title Case.
    assert_eq!(
        speakers("Mr Blair hit back, saying “we will not.”"),
        [s("Mr Blair")]
    );
    let headline = "Rush Limbaugh: Hillary Asking Moderator To Fact Check Trump ‘Reeks of Fear.’";
    assert_ne!(top(headline)[0].2, s("Hillary"));
}

#[test]
fn one_or_another_of_several_is_not_the_speaker_before() {
    let article = "Jim McClendon, a student, backs him. “It is fine,” McClendon said.\n\n\
        “I am not voting for him,” one said. “She lies too much.”\n\n\
        “I feel good,” said another.";
    assert_eq!(
        speakers(article),
        [s("Jim McClendon"), s("one"), s("one"), s("another")]
    );
    assert_eq!(
        crate::claim::SpeakerKind::of("another"),
        crate::claim::SpeakerKind::Unknown
    );
}

#[test]
fn a_possessive_spoken_about_is_not_the_speaker() {
    let article = "Moore also called Trump’s remarks during the final debate the “typical \
        language of a bully.”";
    assert_eq!(speakers(article), [s("Moore")]);
    let article = "Minyon Moore, a senior adviser, called Mr. Obama's remarks on Saturday \
        \"a true wake-up call\" to his supporters.";
    assert_eq!(speakers(article), [s("Minyon Moore")]);
}

#[test]
fn korean_given_names_are_names_and_english_prefixes_describe() {
    let article = "Secretary General Ban Ki-moon condemned what he called a “brazen breach” \
        of U.N. resolutions.";
    assert_eq!(speakers(article), [s("Ban Ki-moon")]);
    let article = "South Korean President Park Geun-hye said his mental state is “spiraling \
        out of control.”";
    assert_eq!(speakers(article), [s("Park Geun-hye")]);
    assert_eq!(
        speakers("Ex-wife Jane Smith said it was “over.”"),
        [s("Jane Smith")]
    );
}

#[test]
fn the_object_of_a_preposition_is_not_the_speaker() {
    let article = "Trump in the past has called out Tur publicly by name, and has referred to \
        her as “Little Katy, third-rate journalist.”";
    assert_eq!(speakers(article), [s("Trump")]);
    let article = "But Trump quickly deflected with a non sequitur: “But it’s locker-room talk.”";
    assert_eq!(speakers(article), [s("Trump")]);
    let article = "As she started to leave, Broaddrick said he grabbed her by the arm and, in a \
        low voice said, “Do you understand.”";
    assert_ne!(top(article)[0].2, s("a low voice"));
}

#[test]
fn an_adverbial_opening_is_not_the_subject() {
    let article = "Already, Donald J. Trump has denounced the deal and said, “We'll look at \
        breaking this deal up” if he were president.";
    assert_eq!(speakers(article), [s("Donald J. Trump")]);
    let article = "Even as his path narrows, a defiant Donald Trump is insisting he is “winning”.";
    assert_eq!(speakers(article), [s("Donald Trump")]);
    // A name inside the opening is no adverbial to skip.
    let article = "Even China, Pyongyang's only ally, said it was “resolutely opposed” to it.";
    assert_ne!(top(article)[0].2, s("Pyongyang"));
}

#[test]
fn a_title_between_two_halves_of_a_quote_does_not_end_it() {
    let article = "“He's absolutely right,” Flynn, a top Trump surrogate, said Thursday on \
        Fox News’s “Fox and Friends.” “I mean, there's a lot of frustration.”";
    let got = top(article);
    assert_eq!(got[1].1, "other");
    assert_eq!(got[2].2, s("Flynn"));
}

#[test]
fn a_share_of_a_poll_is_a_group_and_a_daily_a_newspaper() {
    let article = "However, 63 percent said Clinton was “justified” in keeping it private.";
    assert_eq!(speakers(article), [s("63 percent")]);
    let article =
        "Forty-one percent of respondents say the comments are “completely unacceptable.”";
    assert_eq!(speakers(article), [s("Forty-one percent of respondents")]);
    use crate::claim::SpeakerKind;
    assert_eq!(
        SpeakerKind::of("Forty-one percent of respondents"),
        SpeakerKind::Group
    );
    // A comparison after the quote is no attribution; "claims" after a
    // share is a noun.
    let article = "Only 52 percent of voters agreed that Clinton is “fit to serve,” while 73 \
        percent said the same of Trump.";
    assert_eq!(speakers(article), [s("52 percent of voters")]);
    let article = "PolitiFact rated 32% of Republican claims as “False.”";
    assert_ne!(top(article)[0].2, s("32% of Republican"));
    let article = "“Clinton has the potential,” the influential US daily wrote.";
    assert_eq!(top(article)[0].2, s("influential US daily"));
}

#[test]
fn a_heading_in_capitals_is_no_speaker() {
    let article = "CONGRESS HAS INVESTIGATED HIM — his advice earned him a hearing for saying \
        that the extract was a “magic weight loss cure.”";
    assert_ne!(top(article)[0].2, s("CONGRESS HAS INVESTIGATED HIM"));
}

#[test]
fn a_manner_adverb_a_profession_and_with_before_a_participle() {
    let article = "When confronted about whether she “wiped” her server, the Democratic nominee \
        mockingly responded, “What? Like with a cloth or something?”";
    assert_ne!(top(article)[1].2, s("her server"));
    // "the family said": a noun ending in -ly is no adverb.
    assert_eq!(
        speakers("“We are grieving,” the family said."),
        [s("family")]
    );
    assert_eq!(
        speakers("“Talk to people who support you,” advises psychologist Alvord."),
        [s("Alvord")]
    );
    let article = "The campaign has criticized the decision, with the former secretary of state \
        calling the move “deeply troubling.”";
    let got = Extractor::new()
        .extract(article)
        .quotes()
        .first()
        .and_then(|q| q.speaker_mention)
        .map(|(a, b)| article[a as usize..b as usize].to_string());
    assert_eq!(got, s("the former secretary of state"));
}

#[test]
fn united_states_in_title_case_is_a_name_not_a_verb() {
    let article = "Clinton Said That The Blame Placed On The United States Banking System “Could \
        Have Been Avoided.”\n\nHillary Clinton spoke in 2013.";
    assert_ne!(top(article)[0].2, s("The United"));
}

#[test]
fn words_owned_right_before_the_quote_are_their_owners() {
    let article = "Trump’s comments carried echoes of Clinton’s allegations of a “vast \
        right-wing conspiracy” against her husband.";
    assert_eq!(speakers(article), [s("Clinton")]);
    // Not when a verb of the sentence comes between.
    let article = "Moore called Trump’s remarks during the debate the “language of a bully.”";
    assert_eq!(speakers(article), [s("Moore")]);
}

#[test]
fn a_programme_named_in_the_sentence_does_not_hide_its_attribution() {
    let article = "Johnson tells MSNBC’s “Morning Joe” on Friday that “exactly who did it” \
        remains under investigation.";
    let got = top(article);
    assert_eq!(got[0].1, "other");
    assert_eq!(got[1].2, s("Johnson"));
}

#[test]
fn a_participle_opening_the_sentence_is_the_main_subjects() {
    let article = "Calling Mr. Burr's challenger, Deborah Ross, “exactly the kind of partner I \
        need,” Mrs. Clinton upbraided Mr. Burr.";
    assert_eq!(speakers(article), [s("Mrs. Clinton")]);
}

#[test]
fn a_relative_clause_closed_before_the_quote_and_a_possessives_described_noun_name_no_one() {
    let article = "Ryan is doing the right things - condemning Trump's videotaped remarks about \
        women and advising members to “do what's best for you in your district.”";
    assert_ne!(top(article)[0].2, s("Trump's videotaped"));
    let article = "Following a video in which Trump bragged about it, a student group at the \
        conservative university, derided him as a man “who proudly speaks evil.”";
    assert_ne!(top(article)[0].2, s("Trump"));
}

#[test]
fn a_headlines_title_case_words_do_not_make_a_fuller_name() {
    let article = "Lewinsky Reporter Reveals That Originally Aired Broaddrick Video Was Edited.\n\n\
        Juanita Broaddrick spoke to the reporter.\n\n\
        “Do you understand,” Broaddrick said.";
    assert_eq!(speakers(article), [s("Juanita Broaddrick")]);
}
