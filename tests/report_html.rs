//! The HTML report, checked by structure: every quote of the article has
//! its highlighted span with its verdict's colour class and a card with the
//! source passage and the differences marked; hostile article text is shown
//! as text; the page is well formed and self-contained.

use quotecheck::extract::{Extractor, QuoteKind};
use quotecheck::review::{Review, Severity, html};
use quotecheck::{Checker, Store, Verdict};

const ARTICLE: &str = include_str!("fixtures/own/report-article.txt");

/// The reviews of the fixture article's speech quotes against the bundled
/// (public-domain) demo sources.
fn reviews() -> Vec<Review> {
    let mut store = Store::new();
    store
        .add_folder(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/sources"
        ))
        .unwrap();
    let mut extractor = Extractor::new();
    let found = extractor.extract(ARTICLE);
    let mut checker = Checker::new();
    found
        .quotes()
        .iter()
        .filter(|q| q.kind == QuoteKind::Speech && q.nested_in.is_none())
        .map(|q| {
            let range = q.text.0 as usize..q.text.1 as usize;
            let report = checker
                .check(&store, &ARTICLE[range.clone()], found.speaker_name(q))
                .unwrap();
            Review::of(&report, Some(range))
        })
        .collect()
}

/// A start or end tag: name, attributes text, closing?
struct Tag<'a> {
    name: String,
    attrs: &'a str,
    closing: bool,
    /// Byte offset just past the tag.
    end: usize,
}

/// The tags of a page, the contents of `<style>` and `<script>` skipped;
/// panics on a `<` that opens no tag (text must be escaped).
fn tags(page: &str) -> Vec<Tag<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = page[at..].find('<') {
        let start = at + i;
        let end = start + page[start..].find('>').expect("unclosed tag") + 1;
        let inner = &page[start + 1..end - 1];
        if inner.starts_with("!doctype") {
            at = end;
            continue;
        }
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/');
        let name_len = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        assert!(
            name_len > 0,
            "a bare '<' in text at byte {start}: {}",
            &page[start..end]
        );
        let name = body[..name_len].to_ascii_lowercase();
        let raw = !closing && (name == "style" || name == "script");
        out.push(Tag {
            name: name.clone(),
            attrs: &body[name_len..],
            closing,
            end,
        });
        at = end;
        if raw {
            let close = format!("</{name}>");
            at += page[at..]
                .find(&close)
                .expect("raw text element not closed");
        }
    }
    out
}

/// The text between a start tag and its end tag (same name, nesting counted).
fn inner<'a>(page: &'a str, all: &[Tag<'_>], open: usize) -> &'a str {
    let name = &all[open].name;
    let mut depth = 0;
    for (k, t) in all.iter().enumerate().skip(open) {
        if t.name == *name {
            depth += if t.closing { -1 } else { 1 };
            if depth == 0 {
                let close_start = page[..t.end].rfind('<').unwrap();
                let _ = k;
                return &page[all[open].end..close_start];
            }
        }
    }
    panic!("<{name}> not closed");
}

fn attr<'a>(tag: &Tag<'a>, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.attrs.find(&key)? + key.len();
    let j = tag.attrs[i..].find('"')?;
    Some(&tag.attrs[i..i + j])
}

#[test]
fn every_quote_has_its_span_colour_card_and_diff() {
    let reviews = reviews();
    let verdicts: Vec<Verdict> = reviews.iter().map(|r| r.verdict).collect();
    for want in [
        Verdict::Minor,
        Verdict::Altered,
        Verdict::Misattributed,
        Verdict::NotFound,
    ] {
        assert!(verdicts.contains(&want), "{verdicts:?}");
    }
    let page = html::render("report-article.txt", Some(ARTICLE), &reviews);
    let all = tags(&page);
    for (i, r) in reviews.iter().enumerate() {
        let id = i.to_string();
        let mark = all
            .iter()
            .position(|t| !t.closing && t.name == "mark" && attr(t, "data-quote") == Some(&id))
            .unwrap_or_else(|| panic!("quote {i} has no highlighted span"));
        let class = attr(&all[mark], "class").unwrap();
        assert!(
            class.contains(&format!("sev-{}", r.severity.name())),
            "{class}"
        );
        assert!(
            class.contains(&format!("v-{}", r.verdict.name())),
            "{class}"
        );
        let range = r.article_range.clone().unwrap();
        assert_eq!(inner(&page, &all, mark), html::escape(&ARTICLE[range]));
        let card = all
            .iter()
            .position(|t| {
                !t.closing && t.name == "section" && attr(t, "id") == Some(&format!("card{i}"))
            })
            .unwrap_or_else(|| panic!("quote {i} has no card"));
        let body = inner(&page, &all, card);
        assert!(body.contains(&format!("v-{}", r.verdict.name())));
        if let Some(place) = &r.found {
            assert!(body.contains("class=\"passage\""), "card {i}: {body}");
            assert!(body.contains(&html::escape(&place.source_id)));
            assert!(body.contains(&format!("line {}, column {}", place.line, place.column)));
        }
        for d in &r.differences {
            assert!(
                body.contains(&html::escape(&d.sentence)),
                "card {i} lacks {:?}",
                d.sentence
            );
        }
        if r.verdict == Verdict::Altered {
            // The reversed negation: the source's word struck, in the critical class.
            assert!(
                body.contains("<del class=\"d-critical\">don’t</del>"),
                "{body}"
            );
            assert!(body.contains("class=\"fix\""));
            assert_eq!(r.severity, Severity::Wrong);
        }
    }
    // The summary counts every verdict.
    let misattributed = verdicts
        .iter()
        .filter(|v| **v == Verdict::Misattributed)
        .count();
    assert!(page.contains(&format!(">{misattributed} misattributed</span>")));
}

#[test]
fn hostile_article_text_is_shown_as_text_and_the_page_is_well_formed() {
    let reviews = reviews();
    let page = html::render("<img src=x onerror=alert(1)>.txt", Some(ARTICLE), &reviews);
    let all = tags(&page);
    // One script, the report's own; the article's markup is escaped text.
    assert_eq!(
        all.iter()
            .filter(|t| t.name == "script" && !t.closing)
            .count(),
        1
    );
    assert!(!all.iter().any(|t| t.name == "b" || t.name == "img"));
    assert!(page.contains("&lt;script&gt;alert("));
    assert!(page.contains("&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &#39;"));
    assert!(page.contains("<title>quotecheck: &lt;img src=x onerror=alert(1)&gt;.txt</title>"));
    // Well formed: every element closed in order (void elements aside).
    let mut stack: Vec<&str> = Vec::new();
    for t in &all {
        if t.name == "meta" {
            continue;
        }
        if t.closing {
            assert_eq!(
                stack.pop(),
                Some(t.name.as_str()),
                "mismatched </{}>",
                t.name
            );
        } else {
            stack.push(&t.name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    // Self-contained: nothing fetched.
    for needle in ["http://", "https://", "src=\"", "@import", "url("] {
        assert!(!page.contains(needle), "the page refers to {needle}");
    }
}

#[test]
fn a_list_of_quotes_without_an_article_is_a_list_of_cards() {
    let reviews = reviews();
    let page = html::render("quotes.json", None, &reviews);
    let all = tags(&page);
    assert!(!all.iter().any(|t| t.name == "mark" || t.name == "article"));
    let cards = all
        .iter()
        .filter(|t| {
            !t.closing
                && t.name == "section"
                && attr(t, "class").is_some_and(|c| c.starts_with("card"))
        })
        .collect::<Vec<_>>();
    assert_eq!(cards.len(), reviews.len());
    // Shown, not hidden behind a click.
    assert!(cards.iter().all(|t| !t.attrs.contains(" hidden")));
}
